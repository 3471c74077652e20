import { useCallback } from 'react';
import { answersCustomers, readsReports } from '../api/types';
import { Link } from '../app/router';
import type { HubEvents } from '../realtime/hubEvents';
import { CsatBoard } from '../csat/CsatBoard';
import { useConsole } from '../state/ConsoleProvider';
import type { BoardConnection } from './boardData';
import { BoardPage } from './BoardPage';

/**
 * The board on the console's one hub link (no second SignalR connection): the provider re-emits BoardChanged,
 * SlaAtRisk and SlaBreached, and each reconnect.
 */
export function boardConnectionFrom(events: HubEvents): BoardConnection {
  const unsubscribe: (() => void)[] = [];
  return {
    on(methodName, handler) {
      if (methodName === 'BoardChanged' || methodName === 'SlaAtRisk' || methodName === 'SlaBreached')
        unsubscribe.push(events.subscribe(methodName, handler as (...args: unknown[]) => void));
    },
    onreconnected(callback) {
      unsubscribe.push(events.subscribe('connected', callback));
    },
    onclose(callback) {
      unsubscribe.push(events.subscribe('status', (s) => s === 'offline' && callback()));
    },
    start: () => Promise.resolve(),
    stop: () => {
      for (const off of unsubscribe.splice(0)) off();
      return Promise.resolve();
    },
  };
}

/** No live link (the read-only analytics role never connects, or it would be offered chats): the board's own poll refreshes it. */
const quietConnection = (): BoardConnection => ({
  on: () => {},
  onreconnected: () => {},
  onclose: () => {},
  start: () => Promise.resolve(),
  stop: () => Promise.resolve(),
});

/** /board: supervisors, admins and the read-only analytics role (who reads it without live pushes or actions). */
export function BoardRoute() {
  const { me, events } = useConsole();
  const live = answersCustomers(me);
  const connect = useCallback(() => (live ? boardConnectionFrom(events) : quietConnection()), [events, live]);
  if (!readsReports(me))
    return (
      <main className="sla-board" aria-label="SLA board">
        <h1>SLA board</h1>
        <p role="alert" data-testid="board-forbidden">
          The SLA board is for supervisors only. <Link to="/">Back to the inbox</Link>
        </p>
      </main>
    );
  // One <main>, one scroll: satisfaction is a section of the board page, not a second box under it.
  return (
    <BoardPage connect={connect} readOnly={!live}>
      <CsatBoard />
    </BoardPage>
  );
}
