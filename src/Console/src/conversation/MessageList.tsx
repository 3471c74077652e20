import { useEffect, useLayoutEffect, useRef } from 'react';
import type { MessageDto } from '../api/types';
import { MessageItem } from './MessageItem';

interface Props {
  messages: MessageDto[];
  meId: number;
  onRetry(messageId: number): Promise<void>;
}

/** The history, oldest first; stays scrolled to the newest message unless the operator scrolled up. */
export function MessageList({ messages, meId, onRetry }: Props) {
  const ref = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [messages]);

  return (
    <ol className="messages" ref={ref} aria-label="Messages" aria-live="polite" tabIndex={0}>
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} meId={meId} onRetry={onRetry} />
      ))}
    </ol>
  );
}
