import { useEffect, useLayoutEffect, useRef } from 'react';
import type { MessageDto, NoteDto } from '../api/types';
import { NoteItem } from '../notes/NoteItem';
import { mergeTimeline } from '../notes/timeline';
import { MessageItem } from './MessageItem';

interface Props {
  messages: MessageDto[];
  /** Internal notes, shown in time order among the messages. */
  notes?: NoteDto[];
  meId: number;
  onRetry(messageId: number): Promise<void>;
}

const NO_NOTES: NoteDto[] = [];

/** The history with internal notes, oldest first; stays scrolled to the newest message unless the operator scrolled up. */
export function MessageList({ messages, notes = NO_NOTES, meId, onRetry }: Props) {
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
  }, [messages, notes]);

  return (
    <ol className="messages" ref={ref} aria-label="Messages" aria-live="polite" tabIndex={0}>
      {mergeTimeline(messages, notes).map((item) =>
        item.kind === 'message' ? (
          <MessageItem key={`m${item.message.id}`} message={item.message} meId={meId} onRetry={onRetry} />
        ) : (
          <NoteItem key={`n${item.note.id}`} note={item.note} />
        ),
      )}
    </ol>
  );
}
