import { useEffect, useState } from 'react';
import { CHANNEL_NAMES, plural } from '../board/labels';
import { request } from '../api/http';
import type { CsatDto } from './CsatRating';

interface CsatGroup {
  key: string;
  ratings: number;
  average: number | null;
}

/** GET /api/csat (supervisors). */
export interface CsatBoardDto {
  asked: number;
  ratings: number;
  average: number | null;
  byOperator: CsatGroup[];
  byChannel: CsatGroup[];
  recent: CsatDto[];
}

/** Satisfaction for the supervisor board: the last 7 days, per operator and per channel, and the latest ratings. */
export function CsatBoard() {
  const [board, setBoard] = useState<CsatBoardDto | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () => request<CsatBoardDto>('GET', '/api/csat?days=7').then((b) => !stopped && setBoard(b), () => undefined);
    void load();
    const timer = setInterval(() => void load(), 15000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  if (!board) return null;
  const group = (title: string, rows: CsatGroup[]) => (
    <div>
      <h3>{title}</h3>
      <ul>
        {rows.map((g) => (
          <li key={g.key}>
            {CHANNEL_NAMES[g.key] ?? g.key}: {g.average ?? '—'} of 5 ({plural(g.ratings, 'rating')})
          </li>
        ))}
      </ul>
    </div>
  );
  return (
    <section className="engagement-section" aria-labelledby="csat-title" data-testid="csat-board">
      <h2 id="csat-title">Satisfaction (7 days)</h2>
      <p>
        Average <strong>{board.average ?? '—'}</strong> of 5 from {plural(board.ratings, 'rating')} ({board.asked} asked).
      </p>
      {group('Per operator', board.byOperator)}
      {group('Per channel', board.byChannel)}
      <h3>Latest</h3>
      <ul>
        {board.recent.slice(0, 10).map((r) => (
          <li key={r.id}>
            <span aria-label={`${r.score ?? 0} of 5`}>{'★'.repeat(r.score ?? 0)}</span> {CHANNEL_NAMES[r.channel] ?? r.channel} · conversation #{r.conversationId}
            {r.comment ? ` — “${r.comment}”` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
