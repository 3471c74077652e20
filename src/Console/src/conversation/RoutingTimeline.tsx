import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ConversationDto, TimelineDto } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';
import { formatMessageTime } from '../shared/time';

const KINDS: Record<string, string> = {
  Queued: 'Queued',
  Offered: 'Offered to',
  Accepted: 'Accepted by',
  AutoAccepted: 'Auto-accepted by',
  Declined: 'Passed by',
  OfferExpired: 'Offer expired for',
  Broadcast: 'Offered to everyone available',
  SupervisorsAlerted: 'Supervisors alerted',
  Claimed: 'Claimed by',
  Transferred: 'Transferred to',
  Rerouted: 'Rerouted',
  NeedsSet: 'Routing rule',
  Overflowed: 'Overflow: offered to anyone',
  TakenOver: 'Taken over by',
  Moved: 'Moved by',
  Whispered: 'Whisper from',
};

/** The conversation's routing history (GET /api/conversations/{id}/timeline), collapsed until asked for. */
export function RoutingTimeline({ conversation }: { conversation: ConversationDto }) {
  const { operatorNames, state } = useConsole();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<TimelineDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // While open: reload whenever routing may have moved it (state / assignee) and after a reconnect.
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    api.timeline(conversation.id).then(
      (list) => {
        if (cancelled) return;
        setEntries(list);
        setError(null);
      },
      (e: unknown) => {
        if (!cancelled) setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open, conversation.id, conversation.state, conversation.assignedOperatorId, state.syncGeneration]);

  return (
    <details className="timeline" data-testid="timeline" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Routing history</summary>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {entries === null ? (
        !error && <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol>
          {entries.map((t, i) => (
            <li key={i} data-testid="timeline-entry" data-kind={t.kind}>
              <time dateTime={t.at}>{formatMessageTime(t.at)}</time> {KINDS[t.kind] ?? t.kind}
              {t.operatorId !== null && <strong> {operatorNames[t.operatorId] ?? `operator ${t.operatorId}`}</strong>}
              {t.detail && <span className="muted"> · {t.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
