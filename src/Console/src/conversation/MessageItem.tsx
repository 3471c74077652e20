import { useState } from 'react';
import { errorMessage } from '../api/http';
import type { MessageDto } from '../api/types';
import { formatMessageTime } from '../shared/time';
import { Attachments } from './Attachments';
import { MessageDetails } from './MessageDetails';

const STATUS_TEXT: Record<MessageDto['status'], string> = {
  Pending: 'Sending…',
  Queued: 'Queued at provider',
  Sent: 'Sent',
  Delivered: 'Delivered',
  Read: 'Read',
  Unconfirmed: 'May not have arrived',
  Failed: 'Failed',
};

interface Props {
  message: MessageDto;
  meId: number;
  onRetry(messageId: number): Promise<void>;
}

/** One message. Text is rendered as text (React escapes it); never as HTML. */
export function MessageItem({ message: m, meId, onRetry }: Props) {
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const outbound = m.direction === 'Outbound';
  // Unconfirmed: the provider never answered and could not confirm it; only a person decides to send it again.
  const unconfirmed = m.status === 'Unconfirmed';
  const who = outbound ? (m.isAutomated ? 'Automatic' : m.operatorId === meId ? 'You' : 'Operator') : m.isAutomated ? 'Automatic' : 'Customer';

  const retry = async () => {
    setRetrying(true);
    setRetryError(null);
    try {
      await onRetry(m.id);
    } catch (e) {
      setRetryError(errorMessage(e));
    } finally {
      setRetrying(false);
    }
  };

  return (
    <li
      className={`message ${outbound ? 'outbound' : 'inbound'}${m.isAutomated ? ' automated' : ''}${m.status === 'Failed' || unconfirmed ? ' failed' : ''}`}
      data-testid="console-message"
      data-direction={m.direction}
      data-message-id={m.id}
    >
      <div className="bubble">
        {m.text && <p className="message-text">{m.text}</p>}
        <Attachments attachments={m.attachments ?? []} />
        <MessageDetails message={m} />
      </div>
      <div className="message-meta">
        <span>{who}</span>
        <time dateTime={m.createdAt}>{formatMessageTime(m.createdAt)}</time>
        {outbound && (
          <span className={`status status-${m.status.toLowerCase()}`} data-testid="message-status">
            {STATUS_TEXT[m.status]}
          </span>
        )}
      </div>
      {outbound && (m.status === 'Failed' || unconfirmed) && (
        <div className="failure" role="alert">
          <span>
            {unconfirmed
              ? 'May not have arrived — resend?'
              : m.statusReason || 'The channel did not accept this message.'}
          </span>
          {unconfirmed && m.statusReason && <span className="reason">{m.statusReason}</span>}
          <button type="button" className="small" onClick={retry} disabled={retrying} data-testid="retry-button">
            {retrying ? 'Sending…' : unconfirmed ? 'Resend' : 'Retry'}
          </button>
          {retryError && <span className="error">{retryError}</span>}
        </div>
      )}
    </li>
  );
}
