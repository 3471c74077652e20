import type { VisitorWait } from './contract';
import { t } from './i18n';
import type { ChatSession } from './session';

/** How often a waiting visitor's place and predicted wait are asked again. */
export const WAIT_REFRESH_MS = 10_000;

/**
 * While the visitor's last message has no answer yet: where they stand (the hub's Waiting), asked after
 * each sent message and every {@link WAIT_REFRESH_MS}, and said honestly — who answers, their place and
 * the predicted wait, or that the promise is slipping and why.
 */
export class WaitingInfo {
  wait: VisitorWait | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly session: ChatSession) {}

  /** Something changed (a message was stored, an answer arrived): refresh now and keep refreshing while waiting. */
  refresh(): void {
    if (!this.waiting()) {
      this.set(null);
      return;
    }
    void this.ask();
    this.timer ??= setInterval(() => {
      if (this.waiting()) void this.ask();
      else this.set(null);
    }, WAIT_REFRESH_MS);
  }

  /** The hub pushed where the conversation stands (routing moved it). */
  pushed(wait: VisitorWait): void {
    if (wait.conversationId === this.session.conversationId && this.waiting()) this.set(wait);
  }

  /** The words to show, or null. */
  text(): string | null {
    const w = this.wait;
    if (!w || !this.waiting()) return null;
    if (w.operator) return t.answering(w.operator);
    if (w.slipping) return t.slipping(w.position, t.duration(w.promiseSeconds));
    return t.queued(w.position, w.predictedWaitSeconds !== null ? t.duration(w.predictedWaitSeconds) : null);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private waiting(): boolean {
    const s = this.session;
    const lines = s.transcript.lines();
    const last = lines[lines.length - 1];
    return s.conversationId !== null && !s.closed && last?.direction === 'visitor' && last.state === 'sent';
  }

  private async ask(): Promise<void> {
    const transport = this.session.transport;
    if (!transport?.connected || !transport.waiting) return;
    try {
      this.set(await transport.waiting());
    } catch {
      // Dropped mid-call: the next refresh asks again.
    }
  }

  private set(wait: VisitorWait | null): void {
    if (!wait) this.stop();
    if (JSON.stringify(wait) === JSON.stringify(this.wait)) return;
    this.wait = wait;
    this.session.events.changed();
  }
}
