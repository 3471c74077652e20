import './board.css';
import { useCallback, useState, type ReactNode } from 'react';
import { request } from '../api/http';
import { AttainmentChart } from './AttainmentChart';
import { type BoardConnection, boardApi, useBoardData } from './boardData';
import { ChannelTable } from './ChannelTable';
import { ClockList } from './ClockList';
import { useNow } from './countdown';
import { CHANNEL_NAMES } from './labels';
import { PeopleOnBoard } from './PeopleOnBoard';
import type { SlaBoardDto } from './types';

export interface BoardPageProps {
  /** For tests: where the board comes from and how the live connection is made. */
  fetchBoard?: () => Promise<SlaBoardDto>;
  connect?: () => BoardConnection;
  /** More sections in the same page (one scroll, no nested boxes). */
  children?: ReactNode;
  /** The read-only analytics role: figures without the supervisor's actions. */
  readOnly?: boolean;
}

/** /console/board — the supervisor's SLA board: readable at a glance at 1280×800 and on a phone, one page scroll. */
export function BoardPage({ fetchBoard = boardApi.board, connect, children, readOnly = false }: BoardPageProps) {
  const [day, setDay] = useState('');
  const fetchDay = useCallback(() => (day ? request<SlaBoardDto>('GET', `/api/sla/board?day=${encodeURIComponent(day)}`) : fetchBoard()), [day, fetchBoard]);
  const data = useBoardData(fetchDay, connect);
  const now = useNow(250, data.skewMs);
  const { board } = data;
  const live = board?.live ?? true;

  return (
    <main className="sla-board" aria-label="SLA board">
      <header className="sla-board-header">
        <h1>SLA board</h1>
        <label className="sla-day">
          Day{' '}
          <input type="date" data-testid="board-day" value={day || board?.day || ''} max={board?.day && live ? board.day : undefined} onChange={(e) => setDay(e.target.value)} />
        </label>
        {day && (
          <button type="button" onClick={() => setDay('')}>
            Back to today
          </button>
        )}
        {/* Live status: the console's top bar shows it (one link, one indicator). */}
        {!data.live && <span className="sla-offline">reconnecting…</span>}
      </header>
      {data.error && (
        <p role="alert" className="sla-error">
          {data.error}
        </p>
      )}
      {!board ? (
        <p>Loading…</p>
      ) : (
        <>
          <ChannelTable channels={board.channels} now={now} live={live} />
          <div className="sla-grid">
            {live && (
              <section aria-labelledby="at-risk-title" data-testid="board-waiting">
                <h2 id="at-risk-title">Waiting for an answer, most urgent first</h2>
                <ClockList clocks={board.atRisk} now={now} />
              </section>
            )}
            <section aria-labelledby="chart-title" data-testid="board-chart">
              <h2 id="chart-title">Within promise through the day ({board.timeZone})</h2>
              <AttainmentChart channels={board.channels} />
            </section>
            <section aria-labelledby="people-title">
              <h2 id="people-title">{live ? 'Teams and people' : 'Teams'}</h2>
              <PeopleOnBoard teams={board.teams ?? []} operators={board.operators} live={live} canAct={!readOnly} />
            </section>
          </div>
          {data.recentBreaches.length > 0 && (
            <section aria-labelledby="breaches-title">
              <h2 id="breaches-title">Breaches since you opened the board</h2>
              <ul className="sla-breaches">
                {data.recentBreaches.map((b) => (
                  <li key={b.id} data-testid={`breach-${b.conversationId}`}>
                    {CHANNEL_NAMES[b.channel]} · {b.contactName ?? `#${b.conversationId}`} · {b.kind === 'FirstResponse' ? 'first' : 'next'} answer was due{' '}
                    {new Date(b.dueAt).toLocaleTimeString()}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      {children}
    </main>
  );
}
