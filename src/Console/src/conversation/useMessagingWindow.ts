import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { WindowStateDto } from '../api/types';

/**
 * The conversation's messaging window (GET /api/conversations/{id}/window), refetched after each (re)connect, when
 * a new inbound message arrives (it reopens the window) and when the current mode runs out (closesAt).
 * Null until known, or when the hub cannot say: then the reply box is not held back.
 */
export function useMessagingWindow(conversationId: number, lastInboundId: number, syncGeneration: number, enabled = true): WindowStateDto | null {
  const [state, setState] = useState<WindowStateDto | null>(null);
  const [expired, setExpired] = useState(0);

  useEffect(() => {
    // Wait for the history: the last inbound message is part of the key, so asking earlier would ask twice.
    if (!enabled) return;
    let cancelled = false;
    api.window(conversationId).then(
      (w) => {
        if (!cancelled) setState(w);
      },
      () => {
        if (!cancelled) setState(null);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, lastInboundId, syncGeneration, expired, enabled]);

  // The mode ends at closesAt (Open -> Template/HumanAgentTag/Closed): ask again just after.
  const closesAt = state?.closesAt ? Date.parse(state.closesAt) : null;
  useEffect(() => {
    if (closesAt === null) return;
    const wait = closesAt - Date.now() + 1000;
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => setExpired((n) => n + 1), Math.max(wait, 1000));
    return () => clearTimeout(timer);
  }, [closesAt]);

  return state;
}
