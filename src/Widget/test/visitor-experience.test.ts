import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisitorWait } from '../src/chat/contract';
import { ChatController } from '../src/chat/controller';
import { pickLanguage } from '../src/chat/i18n';
import { memoryStore, type KeyValueStore } from '../src/chat/storage';
import { initials } from '../src/chat/view-messages';
import { FakeHub } from './fakes';

let ids = 0;

function controllerFor(hub: FakeHub, store: KeyValueStore) {
  return new ChatController(
    { api: hub.api, transport: hub.transport, store, newId: () => `cid-${++ids}`, backoff: () => 5 },
    { changed: vi.fn(), rejected: vi.fn(), operatorMessage: vi.fn() },
  );
}

afterEach(() => vi.useRealTimers());

describe('the satisfaction survey', () => {
  it('survives a reload until it is answered, and the thank-you after that', async () => {
    const hub = new FakeHub();
    const store = memoryStore();
    const first = controllerFor(hub, store);
    await first.connect();
    first.send('Where is my parcel?');
    await vi.waitFor(() => expect(hub.currentConversation()).toBe(1));
    hub.close(1);
    expect(first.survey).toEqual({ conversationId: 1, rated: false });
    await first.stop();

    const reloaded = controllerFor(hub, store);
    await reloaded.connect();
    expect(reloaded.survey).toEqual({ conversationId: 1, rated: false });
    expect(reloaded.lines().map((l) => l.text)).toContain('Where is my parcel?');
    expect(await reloaded.rate(5, 'quick')).toBeNull();
    await reloaded.stop();

    const again = controllerFor(hub, store);
    await again.connect();
    expect(again.survey).toEqual({ conversationId: 1, rated: true });
  });
});

describe('typing', () => {
  it('sends the visitor draft at most every 2 s (2.25 s, for jitter): the first at once, the latest at the end, then "stopped"', async () => {
    const hub = new FakeHub();
    const controller = controllerFor(hub, memoryStore());
    await controller.connect();
    controller.send('Hello');
    await vi.waitFor(() => expect(hub.currentConversation()).toBe(1));
    vi.useFakeTimers();

    controller.typing('I');
    controller.typing('I w');
    controller.typing('I want a refund');
    expect(hub.current.typingCalls).toEqual(['I']);
    vi.advanceTimersByTime(2249);
    expect(hub.current.typingCalls).toEqual(['I']);
    vi.advanceTimersByTime(1);
    expect(hub.current.typingCalls).toEqual(['I', 'I want a refund']);
    controller.typing('');
    vi.advanceTimersByTime(2250);
    expect(hub.current.typingCalls).toEqual(['I', 'I want a refund', '']);
  });

  it('says nothing before there is a conversation for an operator to see', async () => {
    const hub = new FakeHub();
    const controller = controllerFor(hub, memoryStore());
    await controller.connect();
    controller.typing('Hi');
    expect(hub.current.typingCalls).toEqual([]);
  });

  it('shows the operator typing until their message arrives', async () => {
    const hub = new FakeHub();
    const controller = controllerFor(hub, memoryStore());
    await controller.connect();
    controller.send('Hello');
    await vi.waitFor(() => expect(hub.currentConversation()).toBe(1));

    hub.current.handlers.operatorTyping!({ conversationId: 1, name: 'Ana', typing: true });
    expect(controller.operatorTyping).toBe('Ana');
    hub.reply('Hi, Ana here');
    expect(controller.operatorTyping).toBeNull();
  });
});

describe('languages', () => {
  it('picks Dutch, German and French from a page or browser language, and English for anything else', () => {
    expect(pickLanguage('nl').placeholder).toBe('Schrijf een bericht…');
    expect(pickLanguage('nl-BE').lang).toBe('nl');
    expect(pickLanguage('de-CH').lang).toBe('de');
    expect(pickLanguage('fr_FR').lang).toBe('fr');
    expect(pickLanguage('xx-unknown').lang).toBe('en');
    expect(pickLanguage('%E0%A4%A').lang).toBe('en');
    expect(pickLanguage(undefined).lang).toBe('en');
  });

  it('shows operator initials', () => {
    expect(initials('Olivia Lind')).toBe('OL');
    expect(initials('  ana ')).toBe('A');
  });
});

describe('while waiting for the first answer', () => {
  const wait: VisitorWait = { conversationId: 1, position: 2, predictedWaitSeconds: 15, promiseSeconds: 30, waitedSeconds: 3, slipping: false, operator: null };

  async function waitingController(answer: VisitorWait) {
    const hub = new FakeHub();
    const controller = controllerFor(hub, memoryStore());
    await controller.connect();
    hub.current.waitAnswer = answer;
    controller.send('Hello');
    await vi.waitFor(() => expect(controller.waitingText).not.toBeNull());
    return { hub, controller };
  }

  it('says the message arrived, the place in the queue and the predicted wait', async () => {
    const { controller } = await waitingController(wait);
    expect(controller.waitingText).toBe('Message received. You are number 2 in the queue; expected wait about 15 s.');
    await controller.stop();
  });

  it('says who answers once someone took it', async () => {
    const { controller } = await waitingController({ ...wait, position: 0, operator: 'Ana' });
    expect(controller.waitingText).toBe('Message received. Ana will answer you shortly.');
    await controller.stop();
  });

  it('says when the promise slips, and why, never "30 seconds"', async () => {
    const { controller } = await waitingController({ ...wait, position: 1, predictedWaitSeconds: 95, slipping: true });
    expect(controller.waitingText).toBe(
      'It is taking longer than our 30 s promise: all operators are busy and you are next. We answer as soon as someone is free.',
    );
    await controller.stop();
  });

  it('follows what the hub pushes when routing moves the conversation', async () => {
    const { hub, controller } = await waitingController(wait);
    hub.current.handlers.waitChanged!({ ...wait, position: 0, operator: 'Bo' });
    expect(controller.waitingText).toBe('Message received. Bo will answer you shortly.');
    await controller.stop();
  });

  it('stops once the operator answered', async () => {
    const { hub, controller } = await waitingController(wait);
    hub.reply('Hi!');
    expect(controller.waitingText).toBeNull();
    await controller.stop();
  });
});

describe('identity', () => {
  it('passes the page identity to the session and warns once in the console when the hub did not verify it', async () => {
    const hub = new FakeHub();
    const session = hub.api.session;
    const seen: unknown[] = [];
    hub.api.session = async (token, identity) => {
      seen.push(identity);
      return { ...(await session(token)), identity: 'Unverified' };
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const controller = new ChatController(
      { api: hub.api, transport: hub.transport, store: memoryStore(), newId: () => `cid-${++ids}`, backoff: () => 5, identity: () => ({ id: 42 }) },
      { changed: vi.fn(), rejected: vi.fn(), operatorMessage: vi.fn() },
    );

    await controller.connect();

    expect(seen).toEqual([{ id: 42 }]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('identity');
    expect(controller.status).toBe('connected');
    warn.mockRestore();
  });
});
