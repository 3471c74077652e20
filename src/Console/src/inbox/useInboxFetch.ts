import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { Channel, InboxView } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';
import { inView } from './selectors';

const PAGE_SIZE = 200;

/** Loads a view on tab/filter change and after every (re)connect; live pushes keep it current in between. */
export function useInboxFetch(view: InboxView, channel: Channel | null, selectedId: number | null, label: number | null = null) {
  const { me, state, dispatch } = useConsole();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // How many rows the hub has given for this view so far, and whether a full page says there may be more.
  const [loadedCount, setLoadedCount] = useState(0);
  const [more, setMore] = useState(false);
  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;

  useEffect(() => {
    let cancelled = false;
    // What we showed in this view when we asked: anything the hub no longer returns changed while we were not listening.
    const shown = Object.values(state.conversations).filter(
      (c) => inView(c, view, me.id) && (channel === null || c.channel === channel) && (label === null || (c.labelIds ?? []).includes(label)),
    );
    setLoading(true);
    api.conversations(view, channel, { label }).then(
      (list) => {
        if (cancelled) return;
        const returned = new Set(list.map((c) => c.id));
        const staleIds = list.length < PAGE_SIZE ? shown.filter((c) => !returned.has(c.id) && c.id !== selectedRef.current).map((c) => c.id) : [];
        dispatch({ type: 'conversationsLoaded', conversations: list, staleIds });
        setLoadedCount(list.length);
        setMore(list.length >= PAGE_SIZE);
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
  }, [view, channel, label, state.syncGeneration, me.id, dispatch]);

  /** The next page (beyond the first 200): appended, never replacing what live pushes brought. */
  const loadMore = () => {
    setLoading(true);
    api.conversations(view, channel, { label, offset: loadedCount }).then(
      (list) => {
        dispatch({ type: 'conversationsLoaded', conversations: list });
        setLoadedCount((n) => n + list.length);
        setMore(list.length >= PAGE_SIZE);
        setLoading(false);
      },
      (e: unknown) => {
        setError(errorMessage(e));
        setLoading(false);
      },
    );
  };

  return { loading, error, more, loadMore };
}
