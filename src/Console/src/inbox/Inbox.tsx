import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Channel, InboxView } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';
import { isUnread } from '../state/seen';
import { useNow } from '../shared/time';
import { BulkBar } from './BulkBar';
import { ConversationRow } from './ConversationRow';
import { LabelFilter } from './LabelFilter';
import { useI18n } from '../i18n/i18n';
import { InboxTabs } from './InboxTabs';
import { countWaiting, selectInbox } from './selectors';
import { useInboxFetch } from './useInboxFetch';

const EMPTY: Record<InboxView, string> = {
  waiting: 'Nobody is waiting right now.',
  mine: 'You have no open conversations.',
  all: 'No open conversations.',
  closed: 'No closed conversations.',
  automatic: 'No automatic mail (auto-replies, bounces, newsletters) waiting to be looked at.',
};

/** Every channel in one list, sorted by who has waited longest. */
export function Inbox({ selectedId }: { selectedId: number | null }) {
  const { me, state, seen } = useConsole();
  const [view, setView] = useState<InboxView>('waiting');
  const [channel, setChannel] = useState<Channel | null>(null);
  const [label, setLabel] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const { t } = useI18n();
  const { loading, error, more, loadMore } = useInboxFetch(view, channel, selectedId, label);
  const now = useNow(1000);

  const rows = useMemo(() => selectInbox(state.conversations, view, channel, me.id, label), [state.conversations, view, channel, me.id, label]);
  const picked = rows.filter((c) => selected.has(c.id)).map((c) => c.id);
  const toggle = useCallback((id: number) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))), []);
  const waiting = countWaiting(state.conversations);
  const unreadMine = Object.values(state.conversations).filter(
    (c) => c.state === 'Assigned' && c.assignedOperatorId === me.id && c.id !== selectedId && isUnread(seen, c.id, c.lastMessageAt),
  ).length;
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Omnichannel console` : 'Omnichannel console';
  }, [waiting]);

  return (
    <section className="inbox" aria-label="Inbox">
      <InboxTabs
        view={view}
        channel={channel}
        waiting={waiting}
        unread={{ mine: unreadMine }}
        attention={Object.keys(state.highlighted).length > 0}
        onView={setView}
        onChannel={setChannel}
      />
      <LabelFilter label={label} onLabel={setLabel} />
      {picked.length > 0 && <BulkBar ids={picked} onDone={() => setSelected(new Set())} />}
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
              checked={selected.has(c.id)}
              onCheck={toggle}
              conversation={c}
              now={c.waitingSince || c.slaDueAt ? now : 0}
              selected={c.id === selectedId}
              unread={c.id !== selectedId && c.state !== 'Closed' && isUnread(seen, c.id, c.lastMessageAt)}
              highlighted={Boolean(state.highlighted[c.id])}
              mine={c.assignedOperatorId === me.id}
              slaAlert={state.slaAlerts[c.id]}
            />
          ))}
        </ul>
      )}
      {more && (
        <button type="button" className="load-more" onClick={loadMore} disabled={loading} data-testid="inbox-more">
          {t('inbox.more')}
        </button>
      )}
    </section>
  );
}
