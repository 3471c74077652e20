import { PENDING_KEY } from '../shared/keys';
import { readJson, writeJson, type KeyValueStore } from './storage';

/** A message the visitor typed that the hub has not acknowledged yet. */
export interface PendingMessage {
  /** Chosen once (crypto.randomUUID) and reused for every retry, so the hub stores the message once. */
  clientMessageId: string;
  text: string;
  /** When the visitor sent it (ISO), for display and ordering. */
  createdAt: string;
  /** Failed send attempts so far (transport errors only). */
  attempts: number;
}

/**
 * The persisted queue of unacknowledged messages. It lives in localStorage, so it survives reloads
 * and is shared by the visitor's tabs: every read goes to storage, every change is a
 * read-modify-write, and sending an item twice (from two tabs) is harmless because the hub
 * de-duplicates by clientMessageId.
 */
export class PendingQueue {
  constructor(private readonly store: KeyValueStore) {}

  list(): PendingMessage[] {
    const items = readJson<unknown>(this.store, PENDING_KEY, []);
    return Array.isArray(items) ? items.filter(isPending) : [];
  }

  get(clientMessageId: string): PendingMessage | undefined {
    return this.list().find((p) => p.clientMessageId === clientMessageId);
  }

  add(item: PendingMessage): void {
    const items = this.list().filter((p) => p.clientMessageId !== item.clientMessageId);
    items.push(item);
    this.save(items);
  }

  /** Returns true when the item was there. */
  remove(clientMessageId: string): boolean {
    const items = this.list();
    const rest = items.filter((p) => p.clientMessageId !== clientMessageId);
    if (rest.length !== items.length) this.save(rest);
    return rest.length !== items.length;
  }

  recordFailure(clientMessageId: string): void {
    const items = this.list();
    const item = items.find((p) => p.clientMessageId === clientMessageId);
    if (!item) return;
    item.attempts += 1;
    this.save(items);
  }

  private save(items: PendingMessage[]): void {
    if (items.length === 0) this.store.set(PENDING_KEY, null);
    else writeJson(this.store, PENDING_KEY, items);
  }
}

function isPending(value: unknown): value is PendingMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v['attempts'] !== 'number') v['attempts'] = 0;
  return typeof v['clientMessageId'] === 'string' && typeof v['text'] === 'string' && typeof v['createdAt'] === 'string';
}
