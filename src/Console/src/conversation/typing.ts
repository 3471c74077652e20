import { request } from '../api/http';

/** A visitor typing in an open web chat (pushed by the hub at most every 2 s, never stored). */
export interface VisitorTypingDto {
  conversationId: number;
  typing: boolean;
  /** What they typed so far; null when the owner turned previews off (Widget:TypingPreview). */
  preview: string | null;
}

/** The window event the live connection raises for each VisitorTyping push (keeps this feature out of the shared store). */
export const VISITOR_TYPING_EVENT = 'omnichannel:visitor-typing';

export function announceVisitorTyping(typing: VisitorTypingDto): void {
  window.dispatchEvent(new CustomEvent<VisitorTypingDto>(VISITOR_TYPING_EVENT, { detail: typing }));
}

/** The hub passes on at most one per 2 s; a little wider so jitter never makes it drop one. */
const INTERVAL_MS = 2250;

/**
 * Tells the visitor the operator is typing: at once, then at most every 2 s while they keep typing, and
 * "stopped" when the box is emptied. Failures are ignored (it is only a hint).
 */
export function operatorTypingNotifier(conversationId: number, post = (typing: boolean) => request<void>('POST', `/api/conversations/${conversationId}/typing`, { typing })) {
  let last = Number.NEGATIVE_INFINITY;
  let typing = false;
  return (text: string) => {
    const now = Date.now();
    const isTyping = text.trim().length > 0;
    if (isTyping && typing && now - last < INTERVAL_MS) return;
    if (!isTyping && !typing) return;
    typing = isTyping;
    last = now;
    void post(isTyping).catch(() => undefined);
  };
}
