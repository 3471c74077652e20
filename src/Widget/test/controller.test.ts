import { describe, expect, it, vi } from 'vitest';
import { ChatController, type ControllerEvents } from '../src/chat/controller';
import { memoryStore, readJson, type KeyValueStore } from '../src/chat/storage';
import { FakeHub } from './fakes';

let ids = 0;

function setup(hub = new FakeHub(), store: KeyValueStore = memoryStore()) {
  const events = {
    changed: vi.fn(),
    rejected: vi.fn<ControllerEvents['rejected']>(),
    operatorMessage: vi.fn<ControllerEvents['operatorMessage']>(),
  };
  const controller = new ChatController(
    { api: hub.api, transport: hub.transport, store, newId: () => `cid-${++ids}`, backoff: () => 5 },
    events,
  );
  return { hub, store, events, controller };
}

const texts = (c: ChatController) => c.lines().map((l) => `${l.direction}:${l.text}:${l.state}`);

describe('ChatController', () => {
  it('starts a session, stores the token, connects and loads the current conversation', async () => {
    const hub = new FakeHub();
    hub.store('visitor', 'earlier question', 'old-1');
    hub.store('operator', 'earlier answer', null);
    const store = memoryStore();
    store.set('omnichannel.visitor', 'token-1');
    const { controller } = setup(hub, store);
    await controller.connect();
    expect(store.get('omnichannel.visitor')).toBe('token-1');
    expect(controller.status).toBe('connected');
    expect(hub.historyCalls).toEqual([[null, 0]]);
    expect(texts(controller)).toEqual(['visitor:earlier question:sent', 'operator:earlier answer:sent']);
    expect(readJson(store, 'omnichannel.chat', {})).toMatchObject({ conversationId: 1, closed: false });
    await vi.waitFor(() => expect(controller.config.title).toBe('Northwind help'));
  });

  it('shows an own message as sending at once, then sent, once (ack and echo de-duplicated)', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    expect(controller.send('Hello')).toBeNull();
    expect(texts(controller)).toEqual(['visitor:Hello:sending']);
    await vi.waitFor(() => expect(texts(controller)).toEqual(['visitor:Hello:sent']));
    expect(hub.messages).toHaveLength(1);
    expect(controller.queue.list()).toEqual([]);
    expect(controller.conversationId).toBe(1);
  });

  it('refuses empty and too long text locally, without sending', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    await vi.waitFor(() => expect(controller.config.maxMessageLength).toBe(20));
    expect(controller.send('   ')).toBe('Type a message first.');
    expect(controller.send('x'.repeat(21))).toBe('The message is longer than 20 characters.');
    expect(hub.sendCalls).toEqual([]);
    expect(controller.lines()).toEqual([]);
  });

  it('shows the hub refusal and gives the text back', async () => {
    const { hub, controller, events } = setup();
    await controller.connect();
    // The local limit is the default (4000) until config arrives; the hub's is 20.
    controller.config = { ...controller.config, maxMessageLength: 4000 };
    controller.send('y'.repeat(25));
    await vi.waitFor(() => expect(events.rejected).toHaveBeenCalledWith('The message is longer than 20 characters.', 'y'.repeat(25)));
    expect(controller.lines()).toEqual([]);
    expect(controller.queue.list()).toEqual([]);
    expect(hub.messages).toEqual([]);
  });

  it('keeps a message sent during a drop in the persisted queue and retries it with the same client id', async () => {
    const { hub, controller, store } = setup();
    await controller.connect();
    hub.drop();
    controller.send('Are you there?');
    expect(texts(controller)).toEqual(['visitor:Are you there?:failed']);
    const queued = readJson<Array<{ clientMessageId: string }>>(store, 'omnichannel.pending', []);
    expect(queued).toHaveLength(1);
    hub.restore();
    await vi.waitFor(() => expect(texts(controller)).toEqual(['visitor:Are you there?:sent']));
    expect(hub.messages).toHaveLength(1);
    expect(hub.messages[0]!.clientMessageId).toBe(queued[0]!.clientMessageId);
    expect(store.get('omnichannel.pending')).toBeNull();
  });

  it('stores a message once when its ack was lost and it is sent again', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    hub.loseNextAck = true;
    controller.send('Once please');
    await vi.waitFor(() => expect(hub.sendCalls.length).toBeGreaterThanOrEqual(2));
    await vi.waitFor(() => expect(texts(controller)).toEqual(['visitor:Once please:sent']));
    expect(new Set(hub.sendCalls.map((s) => s.clientMessageId)).size).toBe(1);
    expect(hub.messages).toHaveLength(1);
  });

  it('asks for the history again when the hub could not answer it while the connection stayed up', async () => {
    const hub = new FakeHub();
    hub.store('visitor', 'my order?', 'old-1');
    hub.store('operator', 'on its way', null);
    hub.failHistory = 2;
    const { controller } = setup(hub);
    await controller.connect();
    await vi.waitFor(() => expect(texts(controller)).toEqual(['visitor:my order?:sent', 'operator:on its way:sent']));
    expect(hub.historyCalls).toEqual([[null, 0], [null, 0], [null, 0]]);
    await controller.stop();
  });

  it('fetches what it missed after a reconnect, from the last history watermark', async () => {
    const { hub, controller, events } = setup();
    await controller.connect();
    controller.send('Hi');
    await vi.waitFor(() => expect(controller.queue.list()).toEqual([]));
    const live = hub.reply('Live answer');
    expect(events.operatorMessage).toHaveBeenCalledTimes(1);
    hub.drop();
    hub.online = true; // stored while the widget is still reconnecting
    const missed = hub.store('operator', 'Missed answer', null);
    hub.online = false;
    hub.restore();
    await vi.waitFor(() => expect(texts(controller)).toContain('operator:Missed answer:sent'));
    expect(hub.historyCalls.at(-1)).toEqual([1, 0]);
    expect(texts(controller)).toEqual(['visitor:Hi:sent', 'operator:Live answer:sent', 'operator:Missed answer:sent']);
    expect(live.id).toBeLessThan(missed.id);
    // A second reconnect asks only after what history already returned.
    hub.drop();
    hub.restore();
    await vi.waitFor(() => expect(hub.historyCalls.at(-1)).toEqual([1, missed.id]));
  });

  it('restores the conversation and the pending queue after a reload', async () => {
    const hub = new FakeHub();
    const store = memoryStore();
    const first = setup(hub, store);
    await first.controller.connect();
    first.controller.send('Before reload');
    await vi.waitFor(() => expect(first.controller.queue.list()).toEqual([]));
    hub.reply('Answer');
    hub.drop();
    first.controller.send('Typed offline');
    await first.controller.stop();

    hub.online = true;
    const second = setup(hub, store);
    expect(texts(second.controller)).toEqual(['visitor:Typed offline:sending']);
    await second.controller.connect();
    await vi.waitFor(() =>
      expect(texts(second.controller)).toEqual(['visitor:Before reload:sent', 'operator:Answer:sent', 'visitor:Typed offline:sent']),
    );
    expect(hub.messages.filter((m) => m.text === 'Typed offline')).toHaveLength(1);
  });

  it('keeps retrying to start with backoff while the hub is unreachable', async () => {
    const hub = new FakeHub();
    hub.online = false;
    const { controller } = setup(hub);
    await controller.connect();
    expect(controller.status).toBe('offline');
    controller.send('queued');
    await new Promise((r) => setTimeout(r, 40));
    hub.online = true;
    await vi.waitFor(() => expect(controller.status).toBe('connected'));
    await vi.waitFor(() => expect(texts(controller)).toEqual(['visitor:queued:sent']));
  });

  it('starts over with a fresh session when the connection closes for good', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    const sessions = hub.sessions;
    hub.current.connected = false;
    hub.current.handlers.closed(new Error('Server timeout'));
    expect(controller.status).toBe('offline');
    await vi.waitFor(() => expect(controller.status).toBe('connected'));
    expect(hub.sessions).toBe(sessions + 1);
  });

  it('forgets the old conversation when the hub renews the token', async () => {
    const hub = new FakeHub();
    hub.store('operator', 'for someone else', null);
    const store = memoryStore();
    store.set('omnichannel.visitor', 'expired');
    store.set('omnichannel.chat', JSON.stringify({ conversationId: 1, closed: false, open: true }));
    const { controller } = setup(hub, store);
    await controller.connect();
    expect(store.get('omnichannel.visitor')).toBe('token-2');
    expect(hub.current.token()).toBe('token-2');
    expect(controller.open).toBe(true);
  });

  it('marks the conversation closed and live again when the visitor writes to it', async () => {
    const { hub, controller, store } = setup();
    await controller.connect();
    controller.send('First');
    await vi.waitFor(() => expect(controller.conversationId).toBe(1));
    hub.close(1);
    expect(controller.closed).toBe(true);
    controller.send('Again');
    await vi.waitFor(() => expect(controller.closed).toBe(false));
    expect(controller.conversationId).toBe(1);
    expect(readJson(store, 'omnichannel.chat', {})).toMatchObject({ conversationId: 1, closed: false });
  });

  it('stays closed when only a late operator message arrives', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    controller.send('First');
    await vi.waitFor(() => expect(controller.conversationId).toBe(1));
    hub.close(1);
    hub.current.handlers.messageAdded({ id: 999, conversationId: 1, direction: 'operator', text: 'bye', clientMessageId: null, createdAt: 'x', author: 'Ana' });
    expect(controller.closed).toBe(true);
  });

  it('marks the conversation closed and follows a new one started by the next message', async () => {
    const { hub, controller, store } = setup();
    hub.reopenClosed = false;
    await controller.connect();
    controller.send('First');
    await vi.waitFor(() => expect(controller.conversationId).toBe(1));
    hub.close(1);
    expect(controller.closed).toBe(true);
    expect(readJson(store, 'omnichannel.chat', {})).toMatchObject({ conversationId: 1, closed: true });
    controller.send('Again');
    await vi.waitFor(() => expect(controller.conversationId).toBe(2));
    expect(controller.closed).toBe(false);
  });

  it('sends queued messages in the order they were typed', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    hub.drop();
    controller.send('one');
    controller.send('two');
    controller.send('three');
    hub.restore();
    await vi.waitFor(() => expect(hub.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']));
    await vi.waitFor(() => expect(controller.lines().every((l) => l.state === 'sent')).toBe(true));
  });

  it('shows a message the visitor sent from another tab', async () => {
    const { hub, controller } = setup();
    await controller.connect();
    const other = hub.store('visitor', 'from tab 2', 'tab2-cid');
    hub.current.handlers.messageAdded(other);
    hub.current.handlers.messageAdded(other);
    expect(texts(controller)).toEqual(['visitor:from tab 2:sent']);
  });
});
