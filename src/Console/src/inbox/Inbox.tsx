import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { CHANNELS, type Channel, type InboxView } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';
import { isUnread } from '../state/seen';
import { useNow } from '../shared/time';
import { channelLabel } from './ChannelBadge';
import { ConversationRow } from './ConversationRow';
import { countWaiting, inView, selectInbox } from './selectors';

const TABS: { view: InboxView; label: string }[] = [
  { view: 'waiting', label: 'Waiting' },
  { view: 'mine', label: 'Mine' },
  { view: 'all', label: 'All' },
  { view: 'closed', label: 'Closed' },
];

const EMPTY: Record<InboxView, string> = {
  waiting: 'Nobody is waiting right now.',
  mine: 'You have no open conversations.',
  all: 'No open conversations.',
  closed: 'No closed conversations.',
};

/** Every channel in one list, sorted by who has waited longest. */
export function Inbox({ selectedId }: { selectedId: number | null }) {
  const { me, state, dispatch, seen } = useConsole();
  const [view, setView] = useState<InboxView>('waiting');
  const [channel, setChannel] = useState<Channel | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.conversations(view, channel).then(
      (list) => {
        if (cancelled) return;
        const returned = new Set(list.map((c) => c.id));
        const staleIds = list.length < 200
          ? Object.values(state.conversations)
              .filter((c) => inView(c, view, me.id) && (channel === null || c.channel === channel) && !returned.has(c.id))
              .map((c) => c.id)
          : [];
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
    // Refetch on view/channel change and after every (re)connect; not on each pushed change.
  }, [view, channel, state.syncGeneration, me.id, dispatch]);

  const rows = useMemo(() => selectInbox(state.conversations, view, channel, me.id), [state.conversations, view, channel, me.id]);
  const waiting = countWaiting(state.conversations);
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Omnichannel console` : 'Omnichannel console';
  }, [waiting]);

  return (
    <section className="inbox" aria-label="Inbox">
      <div className="inbox-controls">
        <div role="tablist" aria-label="Inbox views" className="tabs">
          {TABS.map((t) => (
            <button
              key={t.view}
              role="tab"
              type="button"
              aria-selected={view === t.view}
              className={view === t.view ? 'tab active' : 'tab'}
              data-testid={`inbox-tab-${t.view}`}
              onClick={() => setView(t.view)}
            >
              {t.label}
              {t.view === 'waiting' && waiting > 0 && <span className="count">{waiting}</span>}
            </button>
          ))}
        </div>
        <label className="channel-filter">
          <span className="visually-hidden">Channel</span>
          <select value={channel ?? ''} onChange={(e) => setChannel((e.target.value || null) as Channel | null)} data-testid="inbox-channel">
            <option value="">All channels</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="empty muted">{loading ? 'Loading…' : EMPTY[view]}</p>
      ) : (
        <ul className="conversation-list" data-testid="conversation-list">
          {rows.map((c) => (
            <ConversationRow
              key={c.id}
              conversation={c}
              now={now}
              selected={c.id === selectedId}
              unread={c.id !== selectedId && c.state !== 'Closed' && isUnread(seen, c.id, c.lastMessageAt)}
              highlighted={Boolean(state.highlighted[c.id])}
              mine={c.assignedOperatorId === me.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
