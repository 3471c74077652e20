import type { VisitorHistory, VisitorMessage } from './contract';
import type { ChatSession } from './session';
import { rejectionReason } from './transport';

/**
 * What reaches the transcript from the hub: the History catch-up after every (re)connect and the
 * live MessageAdded events, both de-duplicated by the transcript and clearing the pending queue.
 */
export class HistorySync {
  constructor(private readonly session: ChatSession) {}

  /** Fetches what the panel does not show yet: the current conversation on page load, else what was missed. */
  async sync(): Promise<void> {
    const s = this.session;
    const transport = s.transport;
    if (!transport) return;
    if (s.synced && s.conversationId !== null) {
      let history: VisitorHistory | null = null;
      try {
        history = await transport.history(s.conversationId, s.watermark);
      } catch (error) {
        if (!rejectionReason(error)) throw error; // not ours any more: fall back to the current one
      }
      if (history) this.applyHistory(history);
      // A closed conversation may have been followed by a new one (another tab) while we were away.
      if (history && !history.closed) return;
    }
    this.applyHistory(await transport.history(null, 0));
  }

  onMessageAdded(message: VisitorMessage): void {
    const s = this.session;
    if (s.conversationId === null || message.conversationId > s.conversationId) {
      s.conversationId = message.conversationId;
      s.closed = false;
      s.survey = null;
      s.persist();
    } else if (message.conversationId === s.conversationId && message.direction === 'visitor' && s.closed) {
      s.closed = false; // the visitor wrote again (another tab): the hub reopened it
      s.survey = null;
      s.persist();
    }
    const { line, added } = s.transcript.upsertStored(message);
    if (message.clientMessageId) s.queue.remove(message.clientMessageId);
    s.events.changed();
    if (added && line.direction === 'operator') s.events.operatorMessage(line);
  }

  private applyHistory(history: VisitorHistory): void {
    const s = this.session;
    if (history.conversationId === null) {
      if (s.conversationId !== null) s.forgetConversation();
    } else {
      if (history.conversationId !== s.conversationId || !history.closed) s.survey = null;
      s.conversationId = history.conversationId;
      s.closed = history.closed;
      for (const message of history.messages) {
        s.transcript.upsertStored(message);
        if (message.clientMessageId) s.queue.remove(message.clientMessageId);
        if (message.id > s.watermark) s.watermark = message.id;
      }
    }
    s.synced = true;
    s.persist();
    s.events.changed();
  }
}
