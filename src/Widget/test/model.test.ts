import { describe, expect, it } from 'vitest';
import type { VisitorMessage } from '../src/chat/contract';
import { PendingQueue } from '../src/chat/pending';
import { browserStore, memoryStore } from '../src/chat/storage';
import { Transcript } from '../src/chat/transcript';
import { rejectionReason } from '../src/chat/transport';
import { newClientMessageId } from '../src/chat/ids';

const msg = (id: number, over: Partial<VisitorMessage> = {}): VisitorMessage => ({
  id,
  conversationId: 1,
  direction: 'operator',
  text: `m${id}`,
  clientMessageId: null,
  createdAt: '2026-01-01T10:00:00Z',
  author: 'Ana',
  ...over,
});

describe('Transcript', () => {
  it('orders stored messages by id and puts unacknowledged ones last', () => {
    const t = new Transcript();
    t.addPending({ clientMessageId: 'c1', text: 'pending', createdAt: '2026-01-01T09:00:00Z', attempts: 0 }, 'sending');
    t.upsertStored(msg(5));
    t.upsertStored(msg(3));
    expect(t.lines().map((l) => l.text)).toEqual(['m3', 'm5', 'pending']);
  });

  it('de-duplicates by message id', () => {
    const t = new Transcript();
    expect(t.upsertStored(msg(3)).added).toBe(true);
    expect(t.upsertStored(msg(3)).added).toBe(false);
    expect(t.size).toBe(1);
  });

  it('matches the own message by clientMessageId: pending, then ack, then MessageAdded', () => {
    const t = new Transcript();
    t.addPending({ clientMessageId: 'c1', text: 'hello', createdAt: '2026-01-01T10:00:00Z', attempts: 0 }, 'sending');
    t.acknowledge({ clientMessageId: 'c1', conversationId: 1, messageId: 7, createdAt: '2026-01-01T10:00:01Z', duplicate: false }, 'hello');
    const { added } = t.upsertStored(msg(7, { direction: 'visitor', clientMessageId: 'c1', text: 'hello', author: null }));
    expect(added).toBe(false);
    expect(t.lines()).toHaveLength(1);
    expect(t.lines()[0]).toMatchObject({ key: 'c1', id: 7, state: 'sent' });
  });

  it('matches MessageAdded arriving before the ack', () => {
    const t = new Transcript();
    t.addPending({ clientMessageId: 'c1', text: 'hello', createdAt: '2026-01-01T10:00:00Z', attempts: 0 }, 'sending');
    t.upsertStored(msg(7, { direction: 'visitor', clientMessageId: 'c1', text: 'hello' }));
    t.acknowledge({ clientMessageId: 'c1', conversationId: 1, messageId: 7, createdAt: 'x', duplicate: true }, 'hello');
    expect(t.lines()).toHaveLength(1);
    expect(t.maxId()).toBe(7);
  });

  it('keeps a sent line sent when a stale pending copy is restored', () => {
    const t = new Transcript();
    t.upsertStored(msg(7, { direction: 'visitor', clientMessageId: 'c1' }));
    t.addPending({ clientMessageId: 'c1', text: 'm7', createdAt: 'x', attempts: 0 }, 'failed');
    t.setState('c1', 'failed');
    expect(t.get('c1')!.state).toBe('sent');
  });
});

describe('PendingQueue', () => {
  it('persists in order across instances (page reloads, tabs)', () => {
    const store = memoryStore();
    const a = new PendingQueue(store);
    a.add({ clientMessageId: 'c1', text: 'one', createdAt: '1', attempts: 0 });
    a.add({ clientMessageId: 'c2', text: 'two', createdAt: '2', attempts: 0 });
    const b = new PendingQueue(store);
    expect(b.list().map((p) => p.clientMessageId)).toEqual(['c1', 'c2']);
    b.recordFailure('c1');
    expect(a.get('c1')!.attempts).toBe(1);
    expect(a.remove('c1')).toBe(true);
    expect(a.remove('c1')).toBe(false);
    a.remove('c2');
    expect(store.get('omnichannel.pending')).toBeNull();
  });

  it('ignores corrupt storage', () => {
    const store = memoryStore();
    store.set('omnichannel.pending', '{"no":"array"}');
    expect(new PendingQueue(store).list()).toEqual([]);
    store.set('omnichannel.pending', '[1, {"clientMessageId":"c","text":"t","createdAt":"x"}]');
    expect(new PendingQueue(store).list()).toEqual([{ clientMessageId: 'c', text: 't', createdAt: 'x', attempts: 0 }]);
  });
});

describe('browserStore', () => {
  it('falls back to memory when localStorage throws', () => {
    const store = browserStore(() => {
      throw new Error('SecurityError');
    });
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
  });
});

describe('rejectionReason', () => {
  it('extracts the hub refusal', () => {
    const e = new Error("An unexpected error occurred invoking 'Send' on the server. HubException: The message is empty.");
    expect(rejectionReason(e)).toBe('The message is empty.');
  });
  it('is null for transport trouble and unexplained server errors', () => {
    expect(rejectionReason(new Error('Invocation canceled due to the underlying connection being closed.'))).toBeNull();
    expect(rejectionReason(new Error("An unexpected error occurred invoking 'Send' on the server."))).toBeNull();
    expect(rejectionReason(undefined)).toBeNull();
  });
});

describe('newClientMessageId', () => {
  it('makes v4 UUIDs with or without randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newClientMessageId()).toMatch(uuid);
    const noRandomUuid = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(a) } as unknown as Crypto;
    expect(newClientMessageId(noRandomUuid)).toMatch(uuid);
  });
});
