import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { Channel, InboxView } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';
import { inView } from './selectors';

const PAGE_SIZE = 200;

/** Loads a view on tab/filter change and after every (re)connect; live pushes keep it current in between. */
export function useInboxFetch(view: InboxView, channel: Channel | null, selectedId: number | null) {
  const { me, state, dispatch } = useConsole();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  useEffect(() => {
    let cancelled = false;
    // What we showed in this view when we asked: anything the hub no longer returns changed while we were not listening.
    const shown = Object.values(state.conversations).filter((c) => inView(c, view, me.id) && (channel === null || c.channel === channel));
    setLoading(true);
    api.conversations(view, channel).then(
      (list) => {
        if (cancelled) return;
        const returned = new Set(list.map((c) => c.id));
        const staleIds = list.length < PAGE_SIZE ? shown.filter((c) => !returned.has(c.id) && c.id !== selectedRef.current).map((c) => c.id) : [];
        dispatch({ type: 'conversationsLoaded', conversations: list, staleIds });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(errorMessage(e));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // Deliberately not on every pushed change of state.conversations.
  }, [view, channel, state.syncGeneration, me.id, dispatch]);

  return { loading, error };
}
