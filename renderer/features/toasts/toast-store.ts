import { create } from 'zustand';
import type { Locale, MessageKey } from '../../../shared/i18n/messages';

export type ToastTone = 'success' | 'info' | 'warning' | 'error';

/** Text is rendered when shown, so a toast follows a language switch. */
export type LocalizedMessage = (locale: Locale) => string;

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly title?: MessageKey | undefined;
  readonly message: LocalizedMessage;
}

interface ToastStore {
  readonly toasts: readonly Toast[];
  readonly show: (toast: Omit<Toast, 'id'>) => void;
  readonly dismiss: (id: number) => void;
}

const VISIBLE_MS: Readonly<Record<ToastTone, number>> = { success: 7000, info: 6000, warning: 8000, error: 12000 };
const MAX_TOASTS = 4;
let nextId = 1;

export const useToastStore = create<ToastStore>()((set, get) => ({
  toasts: [],
  show(toast) {
    const id = nextId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-MAX_TOASTS) });
    window.setTimeout(() => get().dismiss(id), VISIBLE_MS[toast.tone]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
