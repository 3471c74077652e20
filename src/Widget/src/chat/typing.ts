import type { ChatSession } from './session';

/** The hub passes on at most one typing event per 2 s per side; the widget spaces them a little wider so network
 * jitter never makes the hub drop the latest draft. */
export const TYPING_INTERVAL_MS = 2250;

/** How long "Olivia is typing…" stays without a newer event (a stop may have been throttled away). */
export const TYPING_SHOWN_MS = 6000;

/**
 * Typing both ways. Out: the visitor's draft at most every 2 s — the first keystroke at once, then the latest
 * draft at the end of the interval, and the empty draft when the box is cleared or sent (stopped). In: who of
 * the operators is typing, shown until they stop, their message arrives, or {@link TYPING_SHOWN_MS} passes.
 */
export class Typing {
  /** The operator typing now (their display name), or null. */
  operator: string | null = null;
  private last = Number.NEGATIVE_INFINITY;
  private latest: string | null = null;
  private sent = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly session: ChatSession,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The visitor's draft changed. Only an open conversation has someone to tell. */
  update(draft: string): void {
    const s = this.session;
    if (s.conversationId === null || s.closed) return;
    this.latest = draft.trim();
    const wait = this.last + TYPING_INTERVAL_MS - this.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  onOperatorTyping(typing: { conversationId: number; name: string; typing: boolean }): void {
    if (typing.conversationId !== this.session.conversationId) return;
    clearTimeout(this.shown);
    this.operator = typing.typing ? typing.name || null : null;
    if (this.operator) this.shown = setTimeout(() => this.showOperator(null), TYPING_SHOWN_MS);
    this.session.events.changed();
  }

  /** Their message arrived: they are not typing it any more. */
  showOperator(name: string | null): void {
    if (this.operator === name) return;
    clearTimeout(this.shown);
    this.operator = name;
    this.session.events.changed();
  }

  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.shown);
  }

  private flush(): void {
    const draft = this.latest;
    const transport = this.session.transport;
    if (draft === null || draft === this.sent || !transport?.connected || !transport.typing) return;
    this.latest = null;
    this.sent = draft;
    this.last = this.now();
    transport.typing(draft).catch(() => undefined);
  }
}
