import { useEffect, useState } from 'react';
import { VISITOR_TYPING_EVENT, type VisitorTypingDto } from './typing';

/** How long "typing…" stays without a newer push (a "stopped" may have been throttled away). */
const SHOWN_MS = 6000;

/** "Visitor is typing…" with a live preview of their draft (when the owner allows previews), for one conversation. */
export function VisitorTyping({ conversationId, lastInboundId }: { conversationId: number; lastInboundId: number }) {
  const [typing, setTyping] = useState<VisitorTypingDto | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onTyping = (event: Event) => {
      const detail = (event as CustomEvent<VisitorTypingDto>).detail;
      if (detail.conversationId !== conversationId) return;
      clearTimeout(timer);
      setTyping(detail.typing ? detail : null);
      if (detail.typing) timer = setTimeout(() => setTyping(null), SHOWN_MS);
    };
    window.addEventListener(VISITOR_TYPING_EVENT, onTyping);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(VISITOR_TYPING_EVENT, onTyping);
    };
  }, [conversationId]);

  // Their message arrived: the draft is now a message.
  useEffect(() => setTyping(null), [lastInboundId]);

  if (!typing) return null;
  return (
    <p className="visitor-typing muted" data-testid="visitor-typing" aria-live="polite">
      <span>Visitor is typing…</span>
      {typing.preview && (
        <span className="typing-preview" data-testid="visitor-typing-preview">
          {' '}
          “{typing.preview}”
        </span>
      )}
    </p>
  );
}
