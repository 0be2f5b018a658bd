import { useRef, type ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog';

/**
 * A modal `<dialog>` shown while `open` holds. Escape asks `onDismiss`, which decides whether to
 * close (a dialog busy committing may refuse); the dialog never closes itself behind the state.
 */
export function ModalDialog(props: { readonly open: boolean; readonly className: string; readonly labelledBy: string; readonly testId: string; readonly onDismiss: () => void; readonly children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useModalDialog(ref, props.open);
  return (
    <dialog
      ref={ref}
      className={props.className}
      aria-labelledby={props.labelledBy}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        props.onDismiss();
      }}
    >
      {props.children}
    </dialog>
  );
}
