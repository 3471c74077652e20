import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleHubHandlers, LiveStatus } from './connection';

const fake = vi.hoisted(() => ({
  startResults: [] as ('fail' | 'ok')[],
  on: new Map<string, (arg: unknown) => void>(),
  reconnected: null as (() => void) | null,
  closed: null as (() => void) | null,
  url: '',
  invoked: [] as [string, unknown][],
}));

vi.mock('@microsoft/signalr', () => {
  class HubConnectionBuilder {
    withUrl(url: string) {
      fake.url = url;
      return this;
    }
    withAutomaticReconnect() {
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      return {
        on: (name: string, fn: (arg: unknown) => void) => fake.on.set(name, fn),
        onreconnecting: () => {},
        onreconnected: (fn: () => void) => (fake.reconnected = fn),
        onclose: (fn: () => void) => (fake.closed = fn),
        start: async () => {
          if (fake.startResults.shift() === 'fail') throw new Error('refused');
        },
        stop: async () => {},
        state: 'Connected',
        invoke: async (name: string, arg: unknown) => void fake.invoked.push([name, arg]),
      };
    }
  }
  return { HubConnectionBuilder, HubConnectionState: { Connected: 'Connected' }, LogLevel: { Warning: 3 } };
});

const { connectConsoleHub } = await import('./connection');

function handlers() {
  const statuses: LiveStatus[] = [];
  const h: ConsoleHubHandlers = {
    conversationChanged: vi.fn(),
    messageAdded: vi.fn(),
    messageStatusChanged: vi.fn(),
    offerMade: vi.fn(),
    offerWithdrawn: vi.fn(),
    presenceChanged: vi.fn(),
    connected: vi.fn(),
    status: (s) => statuses.push(s),
  };
  return { h, statuses };
}

beforeEach(() => {
  vi.useFakeTimers();
  fake.on.clear();
  fake.invoked = [];
});
afterEach(() => vi.useRealTimers());

describe('connectConsoleHub', () => {
  it('keeps trying to start, then reports live and asks for a catch-up', async () => {
    fake.startResults = ['fail', 'fail', 'ok'];
    const { h, statuses } = handlers();
    const link = connectConsoleHub(h);
    expect(fake.url).toBe('/hubs/console');
    await vi.advanceTimersByTimeAsync(5000);
    expect(statuses).toEqual(['connecting', 'offline', 'reconnecting', 'offline', 'reconnecting', 'live']);
    expect(h.connected).toHaveBeenCalledOnce();
    await link.stop();
  });

  it('routes hub events and catches up after an automatic reconnect', async () => {
    fake.startResults = ['ok'];
    const { h } = handlers();
    const link = connectConsoleHub(h);
    await vi.advanceTimersByTimeAsync(0);
    fake.on.get('MessageAdded')!({ id: 1 });
    fake.on.get('ConversationChanged')!({ id: 2 });
    fake.on.get('MessageStatusChanged')!({ messageId: 1 });
    fake.on.get('OfferMade')!({ id: 4 });
    fake.on.get('OfferWithdrawn')!({ id: 4 });
    fake.on.get('PresenceChanged')!({ id: 1, presence: 'Away' });
    expect(h.offerMade).toHaveBeenCalledWith({ id: 4 });
    expect(h.offerWithdrawn).toHaveBeenCalledWith({ id: 4 });
    expect(h.presenceChanged).toHaveBeenCalledWith({ id: 1, presence: 'Away' });
    expect(h.messageAdded).toHaveBeenCalledWith({ id: 1 });
    expect(h.conversationChanged).toHaveBeenCalledWith({ id: 2 });
    expect(h.messageStatusChanged).toHaveBeenCalledWith({ messageId: 1 });
    fake.reconnected!();
    expect(h.connected).toHaveBeenCalledTimes(2);
    await link.stop();
  });

  it('starts over when the connection closes for good', async () => {
    fake.startResults = ['ok', 'ok'];
    const { h } = handlers();
    const link = connectConsoleHub(h);
    await vi.advanceTimersByTimeAsync(0);
    fake.closed!();
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.connected).toHaveBeenCalledTimes(2);
    await link.stop();
  });

  it('reports visibility after connecting and on every visibilitychange, and forwards SLA events', async () => {
    fake.startResults = ['ok'];
    const { h } = handlers();
    const slaBreached = vi.fn();
    const supervisorAlert = vi.fn();
    const link = connectConsoleHub({ ...h, slaBreached, supervisorAlert });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.invoked).toEqual([['SetVisibility', true]]);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.invoked.at(-1)).toEqual(['SetVisibility', false]);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    fake.on.get('SlaBreached')!({ id: 3, conversationId: 9 });
    fake.on.get('SupervisorAlert')!({ conversationId: 9 });
    expect(slaBreached).toHaveBeenCalledWith({ id: 3, conversationId: 9 });
    expect(supervisorAlert).toHaveBeenCalledWith({ conversationId: 9 });
    await link.stop();
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.invoked).toHaveLength(2);
  });
});
