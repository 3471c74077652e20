import type { Direction, VisitorAck, VisitorFile, VisitorMessage } from './contract';
import type { PendingMessage } from './pending';

/** Where a visitor's own line stands. Operator lines and stored visitor lines are "sent". */
export type LineState = 'sent' | 'sending' | 'failed';

export interface ChatLine {
  /** Stable for the line's life: the clientMessageId when there is one, else "m{id}". */
  key: string;
  id: number | null;
  conversationId: number | null;
  clientMessageId: string | null;
  direction: Direction;
  text: string;
  createdAt: string;
  author: string | null;
  state: LineState;
  /** Files of the message (stored ones; an upload in progress has none yet). */
  files?: VisitorFile[];
  /** A file on its way to the hub: its name and how much is sent (0–1). */
  upload?: { name: string; progress: number };
}

/**
 * The messages the panel shows, de-duplicated by message id and by clientMessageId. Stored messages
 * are ordered by id (the hub's order); lines still waiting for their ack follow, in the order typed.
 * Pure: no DOM, no I/O.
 */
export class Transcript {
  private readonly byKey = new Map<string, ChatLine>();

  lines(): ChatLine[] {
    return [...this.byKey.values()].sort(compareLines);
  }

  get(key: string): ChatLine | undefined {
    return this.byKey.get(key);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** Adds or updates a stored message (History, MessageAdded). Returns the line, or null for a duplicate. */
  upsertStored(message: VisitorMessage): { line: ChatLine; added: boolean } {
    const byId = this.findById(message.id);
    const key = message.clientMessageId ?? `m${message.id}`;
    const existing = byId ?? this.byKey.get(key);
    const line: ChatLine = {
      key: existing?.key ?? key,
      id: message.id,
      conversationId: message.conversationId,
      clientMessageId: message.clientMessageId,
      direction: message.direction,
      text: message.text,
      createdAt: message.createdAt,
      author: message.author,
      state: 'sent',
      files: message.attachments ?? existing?.files ?? [],
    };
    this.byKey.set(line.key, line);
    return { line, added: !existing };
  }

  /** Shows a message typed by the visitor (here or restored from the pending queue) right away. */
  addPending(pending: PendingMessage, state: LineState): ChatLine {
    const existing = this.byKey.get(pending.clientMessageId);
    if (existing) {
      if (existing.state !== 'sent') existing.state = state;
      return existing;
    }
    const line: ChatLine = {
      key: pending.clientMessageId,
      id: null,
      conversationId: null,
      clientMessageId: pending.clientMessageId,
      direction: 'visitor',
      text: pending.text,
      createdAt: pending.createdAt,
      author: null,
      state,
    };
    this.byKey.set(line.key, line);
    return line;
  }

  /** Shows a file the visitor is sending, with its progress. */
  addUpload(clientMessageId: string, name: string, createdAt: string): ChatLine {
    const line: ChatLine = {
      key: clientMessageId,
      id: null,
      conversationId: null,
      clientMessageId,
      direction: 'visitor',
      text: `📎 ${name}`,
      createdAt,
      author: null,
      state: 'sending',
      upload: { name, progress: 0 },
    };
    this.byKey.set(line.key, line);
    return line;
  }

  /** The hub stored the visitor's message. */
  acknowledge(ack: VisitorAck, text: string): ChatLine {
    const line = this.byKey.get(ack.clientMessageId) ?? this.findById(ack.messageId);
    if (line) {
      line.id = ack.messageId;
      line.conversationId = ack.conversationId;
      line.state = 'sent';
      delete line.upload;
      return line;
    }
    return this.upsertStored({
      id: ack.messageId,
      conversationId: ack.conversationId,
      direction: 'visitor',
      text,
      clientMessageId: ack.clientMessageId,
      createdAt: ack.createdAt,
      author: null,
    }).line;
  }

  setState(clientMessageId: string, state: LineState): ChatLine | undefined {
    const line = this.byKey.get(clientMessageId);
    if (line && line.state !== 'sent') line.state = state;
    return line;
  }

  remove(key: string): boolean {
    return this.byKey.delete(key);
  }

  /** Highest stored message id shown, 0 when none. */
  maxId(): number {
    let max = 0;
    for (const line of this.byKey.values()) if (line.id !== null && line.id > max) max = line.id;
    return max;
  }

  clear(): void {
    this.byKey.clear();
  }

  private findById(id: number): ChatLine | undefined {
    for (const line of this.byKey.values()) if (line.id === id) return line;
    return undefined;
  }
}

function compareLines(a: ChatLine, b: ChatLine): number {
  if (a.id !== null && b.id !== null) return a.id - b.id;
  if (a.id !== null) return -1;
  if (b.id !== null) return 1;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
