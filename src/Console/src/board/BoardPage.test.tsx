import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { BoardPage } from './BoardPage';
import type { BoardConnection } from './boardData';
import { board, channelRow, clock } from './testData';
import type { BreachDto, SlaBoardDto } from './types';

class FakeConnection implements BoardConnection {
  handlers = new Map<string, ((...args: never[]) => void)[]>();
  started = false;
  stopped = false;
  on(methodName: string, handler: (...args: never[]) => void) {
    this.handlers.set(methodName, [...(this.handlers.get(methodName) ?? []), handler]);
  }
  start() {
    this.started = true;
    return Promise.resolve();
  }
  stop() {
    this.stopped = true;
    return Promise.resolve();
  }
  onreconnected() {}
  onclose() {}
  push(methodName: string, ...args: unknown[]) {
    for (const handler of this.handlers.get(methodName) ?? []) (handler as (...a: unknown[]) => void)(...args);
  }
}

const flush = () => act(async () => {
  await Promise.resolve();
  await Promise.resolve();
});

describe('BoardPage', () => {
  let connection: FakeConnection;
  const connect = () => connection;

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'));
    connection = new FakeConnection();
  });
  afterEach(() => vi.useRealTimers());

  it('shows the supervisor "Set away", and the read-only analytics role the same people without it', async () => {
    const now = Date.now();
    const operators = [{ id: 4, displayName: 'Ada', presence: 'Available' as const, open: 1, customersWaiting: 0 }];
    const fetchBoard = () => Promise.resolve(board(now, { operators, generatedAt: new Date().toISOString() }));
    const { unmount } = render(<BoardPage fetchBoard={fetchBoard} connect={connect} />);
    await flush();
    expect(screen.getByTestId('set-away-4')).toBeInTheDocument();
    unmount();
    render(<BoardPage fetchBoard={fetchBoard} connect={connect} readOnly />);
    await flush();
    expect(screen.getByTestId('operator-4')).toHaveTextContent('Ada');
    expect(screen.queryByTestId('set-away-4')).toBeNull();
  });

  it('counts down, turns at risk and then breached without a reload', async () => {
    const now = Date.now();
    const fetchBoard = vi.fn(() => Promise.resolve(board(now, { atRisk: [clock(7, now)], generatedAt: new Date().toISOString() })));
    render(<BoardPage fetchBoard={fetchBoard} connect={connect} />);
    await flush();

    const row = screen.getByTestId('clock-7');
    expect(row).toHaveAttribute('data-state', 'OnTrack');
    expect(within(row).getByText(/0:30/)).toBeInTheDocument();
    expect(screen.queryByTestId('live-status')).toBeNull(); // the console's top bar shows it
    expect(screen.queryByText(/reconnecting/)).toBeNull();

    await act(async () => vi.advanceTimersByTimeAsync(23_000));
    expect(screen.getByTestId('clock-7')).toHaveAttribute('data-state', 'AtRisk');
    expect(within(screen.getByTestId('clock-7')).getByText(/0:07/)).toBeInTheDocument();

    await act(async () => vi.advanceTimersByTimeAsync(7_500));
    expect(screen.getByTestId('clock-7')).toHaveAttribute('data-state', 'Breached');
    expect(screen.getByTestId('clock-7')).toHaveClass('clock-Breached');
  });

  it('refetches when the hub says the board changed, and lists pushed breaches', async () => {
    const now = Date.now();
    let waiting = 1;
    const fetchBoard = vi.fn((): Promise<SlaBoardDto> =>
      Promise.resolve(board(now, { channels: [channelRow('WebChat', { waitingNow: waiting, breachedToday: waiting - 1 })] })),
    );
    render(<BoardPage fetchBoard={fetchBoard} connect={connect} />);
    await flush();
    expect(within(screen.getByTestId('channel-WebChat')).getByTestId('waiting-now')).toHaveTextContent('1');

    waiting = 3;
    const breach: BreachDto = {
      id: 1, conversationId: 9, channel: 'WebChat', kind: 'FirstResponse', targetSeconds: 30, businessHours: false,
      startedAt: new Date(now - 31_000).toISOString(), dueAt: new Date(now - 1_000).toISOString(), raisedAt: new Date(now).toISOString(),
      operatorId: null, contactName: 'Visitor 9',
    };
    await act(async () => connection.push('SlaBreached', breach));
    await flush();
    expect(fetchBoard).toHaveBeenCalledTimes(2);
    expect(within(screen.getByTestId('channel-WebChat')).getByTestId('waiting-now')).toHaveTextContent('3');
    expect(within(screen.getByTestId('channel-WebChat')).getByTestId('breached-today')).toHaveTextContent('2');
    expect(screen.getByTestId('breach-9')).toHaveTextContent('Visitor 9');
  });

  it('coalesces a burst of nudges into one extra request', async () => {
    const now = Date.now();
    let resolve: ((b: SlaBoardDto) => void) | null = null;
    const fetchBoard = vi.fn(() => new Promise<SlaBoardDto>((r) => (resolve = r)));
    render(<BoardPage fetchBoard={fetchBoard} connect={connect} />);
    for (let i = 0; i < 5; i++) connection.push('BoardChanged');
    expect(fetchBoard).toHaveBeenCalledTimes(1);
    await act(async () => resolve!(board(now)));
    await flush();
    expect(fetchBoard).toHaveBeenCalledTimes(2);
  });

  it('shows why the board cannot load', async () => {
    const fetchBoard = vi.fn(() => Promise.reject(new Error('You are not allowed to do this.')));
    render(<BoardPage fetchBoard={fetchBoard} connect={connect} />);
    await flush();
    expect(screen.getByRole('alert')).toHaveTextContent('You are not allowed to do this.');
  });
});
