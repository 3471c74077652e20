import { memo } from 'react';
import type { ConversationDto } from '../api/types';
import { Link } from '../app/router';
import { formatDuration, since } from '../shared/time';
import { ChannelBadge } from './ChannelBadge';
import { SlaBadge } from './SlaBadge';

interface Props {
  conversation: ConversationDto;
  now: number;
  selected: boolean;
  unread: boolean;
  highlighted: boolean;
  mine: boolean;
  /** The hub said this conversation's promise is at risk / broken (SlaAtRisk / SlaBreached). */
  slaAlert?: 'AtRisk' | 'Breached';
  /** Bulk selection (close / label several at once). */
  checked?: boolean;
  onCheck?(id: number): void;
}

/**
 * One inbox row. Memoised: a row renders again only when what it shows changes (the inbox passes a ticking clock
 * only to rows that show a wait or an SLA countdown), so rows are not re-rendered under the operator's pointer.
 */
export const ConversationRow = memo(function ConversationRow({ conversation: c, now, selected, unread, highlighted, mine, slaAlert, checked = false, onCheck }: Props) {
  const waited = c.waitingSince ? formatDuration(since(c.waitingSince, now)) : null;
  const classes = ['conversation-row', selected && 'selected', unread && 'unread', highlighted && 'highlight', c.waitingSince && 'is-waiting', slaAlert && `sla-alert sla-alert-${slaAlert.toLowerCase()}`]
    .filter(Boolean)
    .join(' ');
  const stateText = c.state === 'Assigned' ? (mine ? 'Mine' : 'Assigned') : c.state;
  return (
    <li className="row-with-check">
      {onCheck && (
        <input
          type="checkbox"
          className="row-check"
          checked={checked}
          onChange={() => onCheck(c.id)}
          aria-label={`Select ${c.contactName || c.contactHandle}`}
          data-testid="row-check"
        />
      )}
      <Link
        to={`/conversations/${c.id}`}
        className={classes}
        data-testid="conversation-row"
        data-conversation-id={c.id}
        data-state={c.state}
        data-sla-alert={slaAlert}
        aria-current={selected ? 'page' : undefined}
      >
        <span className="row-top">
          <span className="contact-name">{c.contactName || c.contactHandle}</span>
          {waited && (
            <span className="wait" title="Customer waiting for an answer">
              {waited}
            </span>
          )}
        </span>
        <span className="row-preview">{c.lastMessagePreview ?? ''}</span>
        <span className="row-meta">
          <ChannelBadge channel={c.channel} />
          <span className={`badge state state-${c.state.toLowerCase()}`}>{stateText}</span>
          <SlaBadge conversation={c} now={now} />
          {slaAlert && (
            <span className={`badge sla-alert-badge sla-${slaAlert}`} data-testid="sla-alert">
              {slaAlert === 'Breached' ? 'Missed' : 'Answer now'}
            </span>
          )}
          {unread && <span className="unread-dot" aria-hidden="true" />}
          {unread && <span className="visually-hidden">unread</span>}
        </span>
      </Link>
    </li>
  );
});
