import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ConversationDto } from '../api/types';
import { Link } from '../app/router';
import { CsatRating } from '../csat/CsatRating';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { SlaBadge } from '../inbox/SlaBadge';
import { formatDuration, since, useNow } from '../shared/time';
import { Transfer } from './Transfer';

interface Props {
  conversation: ConversationDto;
  meId: number;
  assigneeName?: string | undefined;
  onChanged(conversation: ConversationDto): void;
}

/** Who, which channel, and the claim / close actions (conflicts shown as the hub words them). */
export function ConversationHeader({ conversation: c, meId, assigneeName, onChanged }: Props) {
  const [busy, setBusy] = useState<'claim' | 'close' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useNow(1000);
  const mine = c.state === 'Assigned' && c.assignedOperatorId === meId;

  const act = async (action: 'claim' | 'close') => {
    setBusy(action);
    setError(null);
    try {
      onChanged(await (action === 'claim' ? api.claim(c.id) : api.close(c.id)));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <header className="conversation-header">
      <Link to="/" className="back" aria-label="Back to inbox">
        <span aria-hidden="true">‹</span> Inbox
      </Link>
      <div className="who">
        <h2>{c.contactName || c.contactHandle}</h2>
        <p className="muted handle">
          <ChannelBadge channel={c.channel} /> <span>{c.contactHandle}</span>
        </p>
      </div>
      <div className="header-status">
        <span className={`badge state state-${c.state.toLowerCase()}`} data-testid="conversation-state">
          {c.state === 'Assigned' ? (mine ? 'Assigned to you' : `Assigned to ${assigneeName ?? 'another operator'}`) : c.state}
        </span>
        {c.waitingSince && <span className="wait">waiting {formatDuration(since(c.waitingSince, now))}</span>}
        <SlaBadge conversation={c} now={now} />
        {c.state === 'Closed' && <CsatRating conversationId={c.id} />}
      </div>
      <div className="actions">
        {c.state === 'Waiting' && (
          <button type="button" className="primary" data-testid="claim-button" disabled={busy !== null} onClick={() => void act('claim')}>
            {busy === 'claim' ? 'Accepting…' : 'Accept'}
          </button>
        )}
        {c.state !== 'Closed' && <Transfer conversation={c} onChanged={onChanged} />}
        {c.state !== 'Closed' && (
          <button type="button" data-testid="close-button" disabled={busy !== null} onClick={() => void act('close')}>
            {busy === 'close' ? 'Closing…' : 'Close'}
          </button>
        )}
      </div>
      {error && (
        <p className="error header-error" role="alert" data-testid="conversation-error">
          {error}
        </p>
      )}
    </header>
  );
}
