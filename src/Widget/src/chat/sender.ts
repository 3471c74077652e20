import type { VisitorAck } from './contract';
import { t } from './i18n';
import type { PendingMessage } from './pending';
import type { ChatSession } from './session';
import { rejectionReason, type ChatTransport } from './transport';

/**
 * Sending: queues what the visitor typed in the persisted pending queue and sends it in order,
 * one message at a time, retrying with backoff while connected and leaving the rest to the
 * reconnect when not.
 */
export class Sender {
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;

  constructor(
    private readonly session: ChatSession,
    /** Try to connect now (not connected when the visitor sends or retries). */
    private readonly reconnect: () => void,
  ) {}

  /** Queues a message and sends it. Returns a reason to show the visitor when it cannot be sent. */
  send(text: string): string | null {
    const s = this.session;
    const trimmed = text.trim();
    if (!trimmed) return t.typeFirst;
    if (trimmed.length > s.config.maxMessageLength)
      return t.tooLong(s.config.maxMessageLength);
    const pending: PendingMessage = {
      clientMessageId: s.deps.newId(),
      text: trimmed,
      createdAt: (s.deps.now?.() ?? new Date()).toISOString(),
      attempts: 0,
    };
    s.queue.add(pending);
    // While the first connection is still being made it is simply "Sending…"; offline says so.
    const waiting = s.status === 'offline' || s.status === 'reconnecting';
    s.transcript.addPending(pending, waiting ? 'failed' : 'sending');
    s.events.changed();
    if (s.transport?.connected) void this.flush();
    else this.reconnect();
    return null;
  }

  /** The visitor asked to retry a message that is not sent yet. */
  retry(clientMessageId: string): void {
    if (!this.session.queue.get(clientMessageId)) return;
    if (this.session.transport?.connected) {
      clearTimeout(this.flushTimer);
      void this.flush();
    } else this.reconnect();
  }

  stop(): void {
    clearTimeout(this.flushTimer);
  }

  /** Sends the pending queue in order, one message at a time; concurrent calls coalesce. */
  flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    const s = this.session;
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        for (const pending of s.queue.list()) {
          if (!s.transport?.connected) {
            this.markWaiting();
            return;
          }
          if (!(await this.sendOne(s.transport, pending))) {
            this.markWaiting();
            // Connected but failing (the hub could not store it): try again later. Disconnected:
            // the reconnect handlers flush.
            if (s.transport.connected) this.scheduleFlush(pending.attempts);
            return;
          }
        }
      } while (this.flushAgain);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Shows every message still queued as not sent yet (offline, or the hub keeps failing). */
  markWaiting(): void {
    const s = this.session;
    let changed = false;
    for (const pending of s.queue.list()) {
      const line = s.transcript.addPending(pending, 'failed');
      if (line.state === 'sending') {
        line.state = 'failed';
        changed = true;
      }
    }
    if (changed) s.events.changed();
  }

  /** The hub stored a message of the visitor (typed or a file). */
  accepted(ack: VisitorAck, text: string): void {
    const s = this.session;
    s.transcript.acknowledge(ack, text);
    // Writing to a closed conversation reopens it (or starts a new one): either way it is live.
    if (s.conversationId === null || ack.conversationId >= s.conversationId) {
      if (ack.conversationId !== s.conversationId) s.synced = true;
      s.conversationId = ack.conversationId;
      s.closed = false;
      s.survey = null;
    }
    s.persist();
    s.events.changed();
  }

  /** Returns false when the message is still pending (transport trouble). */
  private async sendOne(transport: ChatTransport, pending: PendingMessage): Promise<boolean> {
    const s = this.session;
    s.transcript.addPending(pending, 'sending');
    s.transcript.setState(pending.clientMessageId, 'sending');
    s.events.changed();
    try {
      const ack = await transport.send({ clientMessageId: pending.clientMessageId, text: pending.text });
      s.queue.remove(pending.clientMessageId);
      this.accepted(ack, pending.text);
      return true;
    } catch (error) {
      const reason = rejectionReason(error);
      if (reason) {
        s.queue.remove(pending.clientMessageId);
        s.transcript.remove(pending.clientMessageId);
        s.events.changed();
        s.events.rejected(reason, pending.text);
        return true;
      }
      s.queue.recordFailure(pending.clientMessageId);
      pending.attempts += 1;
      s.transcript.setState(pending.clientMessageId, 'failed');
      s.events.changed();
      return false;
    }
  }

  private scheduleFlush(attempt: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), this.session.backoff(attempt));
  }
}
