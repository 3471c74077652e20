import { useCallback, useRef, useState } from 'react';
import type { Channel } from '../api/types';

export interface Toast {
  /** Same id replaces the earlier toast (one per conversation alert). */
  id: string;
  kind: 'supervisor' | 'breach' | 'mention' | 'info';
  title: string;
  body: string;
  conversationId?: number;
  channel?: Channel;
  since?: string;
}

const MAX_TOASTS = 5;
const TOAST_MS = 60_000;

/** Short-lived alerts in the corner; each disappears after a minute or when dismissed. */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismissToast = useCallback((id: string) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const showToast = useCallback(
    (toast: Toast) => {
      setToasts((list) => [toast, ...list.filter((t) => t.id !== toast.id)].slice(0, MAX_TOASTS));
      clearTimeout(timers.current.get(toast.id));
      timers.current.set(
        toast.id,
        setTimeout(() => dismissToast(toast.id), TOAST_MS),
      );
    },
    [dismissToast],
  );

  return { toasts, showToast, dismissToast };
}
