import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage, NetworkError } from '../api/http';
import type { AttachmentDto, MessageDto } from '../api/types';
import { newClientMessageId } from '../shared/ids';
import { AttachControl } from './AttachControl';
import { sendReply } from './sendReply';
import { operatorTypingNotifier } from './typing';

export const MAX_REPLY_LENGTH = 4000;

interface Props {
  conversationId: number;
  disabled: boolean;
  disabledReason?: string;
  onSent(message: MessageDto): void;
  send?: typeof sendReply;
  /** Whether replies on this channel can carry files. */
  canAttach?: boolean;
}

/** Enter sends, Shift+Enter adds a line. The same text keeps the same client id until it is sent. */
export function ReplyBox({ conversationId, disabled, disabledReason, onSent, send = sendReply, canAttach = false }: Props) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState<AttachmentDto[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<{ text: string; id: string } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(operatorTypingNotifier(conversationId));

  useEffect(() => {
    setText('');
    setFiles([]);
    setError(null);
    pending.current = null;
    typing.current = operatorTypingNotifier(conversationId);
  }, [conversationId]);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if ((!body && files.length === 0) || sending || disabled) return;
    const key = body + '\u0000' + files.map((f) => f.url).join(',');
    if (pending.current?.text !== key) pending.current = { text: key, id: newClientMessageId() };
    setSending(true);
    setError(null);
    try {
      const message =
        files.length === 0
          ? await send(conversationId, body, pending.current.id)
          : await send(conversationId, body, pending.current.id, undefined, files.map((f) => f.url));
      pending.current = null;
      setText('');
      setFiles([]);
      typing.current('');
      onSent(message);
    } catch (e) {
      setError(e instanceof NetworkError ? 'Not sent: cannot reach the hub. Press Send to try again.' : errorMessage(e));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  const over = text.length > MAX_REPLY_LENGTH;
  return (
    <form className="reply" onSubmit={submit} aria-label="Reply">
      {error && (
        <p className="error" role="alert" data-testid="reply-error">
          {error}
        </p>
      )}
      <textarea
        ref={input}
        data-testid="reply-input"
        aria-label="Reply"
        placeholder={disabled ? disabledReason : 'Write a reply… (Enter sends, Shift+Enter for a new line)'}
        value={text}
        maxLength={MAX_REPLY_LENGTH}
        rows={3}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          typing.current(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="reply-actions">
        {canAttach && <AttachControl conversationId={conversationId} disabled={disabled || sending} files={files} onChange={setFiles} />}
        <span className={`counter${over || text.length > MAX_REPLY_LENGTH * 0.9 ? ' near-limit' : ''}`} aria-live="polite">
          {text.length} / {MAX_REPLY_LENGTH}
        </span>
        <button type="submit" className="primary" data-testid="reply-send" disabled={disabled || sending || (!text.trim() && files.length === 0) || over}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
