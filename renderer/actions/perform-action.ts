import { useEditorStore } from '../state/editor-store';
import { useToastStore } from '../features/toasts/toast-store';
import { refusalMessage, type SheetActionArgs, type SheetActionName } from './action-types';

/** Performs a sheet action for the user; when it is refused, tells them why. Answers whether it applied. */
export function performAction<N extends SheetActionName>(name: N, args: SheetActionArgs[N]): boolean {
  const refusal = useEditorStore.getState().perform(name, args);
  if (refusal === undefined) return true;
  useToastStore.getState().show({ tone: 'warning', message: (locale) => refusalMessage(refusal, locale) });
  return false;
}
