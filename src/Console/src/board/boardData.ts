import { useCallback, useEffect, useRef, useState } from 'react';
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { request } from '../api/http';
import type { Channel } from '../api/types';
import type { BreachDto, SlaBoardDto } from './types';

/** The part of a SignalR HubConnection the board uses (a fake in tests). */
export interface BoardConnection {
  on(methodName: string, handler: (...args: never[]) => void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  onreconnected(callback: () => void): void;
  onclose(callback: () => void): void;
}

export const boardApi = {
  board: () => request<SlaBoardDto>('GET', '/api/sla/board'),
  breaches: (from?: string, to?: string, channel?: Channel) => {
    const query = new URLSearchParams();
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    if (channel) query.set('channel', channel);
    return request<BreachDto[]>('GET', `/api/sla/breaches?${query.toString()}`);
  },
};

/** The console hub (/hubs/console), authenticated by the console's cookie. */
export function connectConsoleHub(): BoardConnection {
  return new HubConnectionBuilder()
    .withUrl('/hubs/console')
    .withAutomaticReconnect()
    .configureLogging(LogLevel.Warning)
    .build() as unknown as BoardConnection;
}

export interface BoardData {
  board: SlaBoardDto | null;
  error: string | null;
  live: boolean;
  /** Hub clock minus browser clock (ms), so countdowns follow the hub's deadlines. */
  skewMs: number;
  /** Breaches pushed while the page is open, newest first. */
  recentBreaches: BreachDto[];
  refresh: () => void;
}

const EVENTS_THAT_MOVE_THE_BOARD = ['BoardChanged', 'SlaAtRisk', 'SlaBreached'] as const;
const FALLBACK_POLL_MS = 15_000;

/**
 * Loads the board and keeps it live: every SignalR nudge refetches (coalesced — at most one request in flight
 * and one queued), a slow poll covers a lost connection, and a reconnect refetches at once.
 */
export function useBoardData(fetchBoard: () => Promise<SlaBoardDto> = boardApi.board, connect: () => BoardConnection = connectConsoleHub): BoardData {
  const [board, setBoard] = useState<SlaBoardDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [skewMs, setSkewMs] = useState(0);
  const [recentBreaches, setRecentBreaches] = useState<BreachDto[]>([]);
  const inFlight = useRef(false);
  const again = useRef(false);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    const sentAt = Date.now();
    fetchBoard()
      .then((next) => {
        if (!mounted.current) return;
        const receivedAt = Date.now();
        // Only a quick round trip says much about the hub's clock.
        if (receivedAt - sentAt < 2000) setSkewMs(Date.parse(next.generatedAt) - (sentAt + receivedAt) / 2);
        setBoard(next);
        setError(null);
      })
      .catch((e: unknown) => {
        if (mounted.current) setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => {
        inFlight.current = false;
        if (again.current && mounted.current) {
          again.current = false;
          refresh();
        }
      });
  }, [fetchBoard]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const connection = connect();
    for (const event of EVENTS_THAT_MOVE_THE_BOARD) connection.on(event, refresh);
    connection.on('SlaBreached', (breach: BreachDto) => setRecentBreaches((list) => [breach, ...list.filter((b) => b.id !== breach.id)].slice(0, 10)));
    connection.onreconnected(() => {
      setLive(true);
      refresh();
    });
    connection.onclose(() => setLive(false));
    connection
      .start()
      .then(() => {
        if (mounted.current) setLive(true);
      })
      .catch(() => {
        if (mounted.current) setLive(false);
      });
    const poll = setInterval(refresh, FALLBACK_POLL_MS);
    return () => {
      mounted.current = false;
      clearInterval(poll);
      void connection.stop();
    };
  }, [connect, refresh]);

  return { board, error, live, skewMs, recentBreaches, refresh };
}
