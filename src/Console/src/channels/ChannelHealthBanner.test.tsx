import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleHubHandlers } from '../realtime/connection';
import { ConsoleProvider } from '../state/ConsoleProvider';
import { fakeFetch, operator } from '../test/fixtures';
import { ChannelHealthBanner, CHANNEL_HEALTH_POLL_MS } from './ChannelHealthBanner';

let handlers: ConsoleHubHandlers | null = null;
const connect = (h: ConsoleHubHandlers) => {
  handlers = h;
  return { stop: async () => {} };
};

let answer: unknown[] = [];
const flush = () => act(async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ChannelHealthBanner', () => {
  it('shows configured unhealthy channels with the reason, every 30 s and after a reconnect', async () => {
    answer = [
      { channel: 'WhatsApp', configured: true, healthy: false, reason: 'The provider refused our credentials: 20003 Authenticate' },
      { channel: 'Telegram', configured: false, healthy: false, reason: 'Off: Channels:Telegram:BotToken is not set' },
    ];
    const { fn, calls } = fakeFetch({ 'GET /api/channels': () => ({ status: 200, body: answer }) });
    vi.stubGlobal('fetch', fn);
    render(
      <ConsoleProvider me={operator()} connect={connect} playSound={() => {}}>
        <ChannelHealthBanner />
      </ConsoleProvider>,
    );
    await flush();
    expect(screen.getByTestId('channel-health-WhatsApp')).toHaveTextContent('20003 Authenticate');
    expect(screen.queryByTestId('channel-health-Telegram')).toBeNull();

    answer = [{ channel: 'WhatsApp', configured: true, healthy: true, reason: null }];
    await act(async () => vi.advanceTimersByTimeAsync(CHANNEL_HEALTH_POLL_MS));
    await flush();
    expect(screen.queryByTestId('channel-health-WhatsApp')).toBeNull();

    const before = calls.filter((c) => c.url === '/api/channels').length;
    act(() => handlers!.connected());
    await flush();
    expect(calls.filter((c) => c.url === '/api/channels').length).toBe(before + 1);
  });
});
