import './board.css';
import { AttainmentChart } from './AttainmentChart';
import { type BoardConnection, useBoardData } from './boardData';
import { countdown, formatDuration, formatPercent, formatSeconds, useNow } from './countdown';
import type { ChannelBoardDto, SlaBoardDto, SlaClockDto } from './types';

const CHANNEL_NAMES: Record<string, string> = {
  WebChat: 'Web chat',
  WhatsApp: 'WhatsApp',
  Sms: 'SMS',
  Messenger: 'Messenger',
  Telegram: 'Telegram',
  Email: 'Email',
  BotFramework: 'Teams / Bot Framework',
};

const STATE_NAMES: Record<string, string> = { OnTrack: 'on track', AtRisk: 'at risk', Breached: 'breached', None: '' };

export interface BoardPageProps {
  /** For tests: where the board comes from and how the live connection is made. */
  fetchBoard?: () => Promise<SlaBoardDto>;
  connect?: () => BoardConnection;
}

/** /console/board — the supervisor's live SLA board. */
export function BoardPage({ fetchBoard, connect }: BoardPageProps) {
  const data = useBoardData(fetchBoard, connect);
  const now = useNow(250, data.skewMs);
  const { board } = data;

  return (
    <main className="sla-board" aria-label="SLA board">
      <header className="sla-board-header">
        <h1>SLA board</h1>
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
          <ChannelTable channels={board.channels} now={now} />
          <div className="sla-columns">
            <section aria-labelledby="at-risk-title">
              <h2 id="at-risk-title">Waiting for an answer, most urgent first</h2>
              <ClockList clocks={board.atRisk} now={now} />
            </section>
            <section aria-labelledby="operators-title">
              <h2 id="operators-title">Operators online</h2>
              {board.operators.length === 0 ? (
                <p>No operator is online.</p>
              ) : (
                <table className="sla-table">
                  <thead>
                    <tr>
                      <th>Operator</th>
                      <th>Presence</th>
                      <th>Open</th>
                      <th>Customers waiting</th>
                    </tr>
                  </thead>
                  <tbody>
                    {board.operators.map((o) => (
                      <tr key={o.id} data-testid={`operator-${o.id}`}>
                        <td>{o.displayName}</td>
                        <td>{o.presence}</td>
                        <td>{o.open}</td>
                        <td>{o.customersWaiting}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
          <section aria-labelledby="chart-title">
            <h2 id="chart-title">Attainment through the day ({board.timeZone})</h2>
            <AttainmentChart channels={board.channels} />
          </section>
          {data.recentBreaches.length > 0 && (
            <section aria-labelledby="breaches-title">
              <h2 id="breaches-title">Breaches since you opened the board</h2>
              <ul className="sla-breaches">
                {data.recentBreaches.map((b) => (
                  <li key={b.id} data-testid={`breach-${b.conversationId}`}>
                    {CHANNEL_NAMES[b.channel]} · {b.contactName ?? `#${b.conversationId}`} · {b.kind === 'FirstResponse' ? 'first' : 'next'} response
                    due {new Date(b.dueAt).toLocaleTimeString()}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </main>
  );
}

function ChannelTable({ channels, now }: { channels: ChannelBoardDto[]; now: number }) {
  return (
    <table className="sla-table sla-channels" aria-label="Channels">
      <thead>
        <tr>
          <th>Channel</th>
          <th>Promise</th>
          <th>Waiting now</th>
          <th>Oldest wait</th>
          <th>At risk</th>
          <th>Breached today</th>
          <th>Within target, last hour</th>
          <th>Within target, today</th>
          <th>Median first response</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((c) => (
          <tr key={c.channel} data-testid={`channel-${c.channel}`}>
            <th scope="row">{CHANNEL_NAMES[c.channel] ?? c.channel}</th>
            <td>
              {formatSeconds(c.firstResponseTargetSeconds)}
              {c.businessHours ? ' (business hours)' : ''}
            </td>
            <td data-testid="waiting-now">{c.waitingNow}</td>
            <td>{c.oldestWaitingSince ? formatDuration(now - Date.parse(c.oldestWaitingSince)) : '–'}</td>
            <td data-testid="at-risk" className={c.atRisk > 0 ? 'sla-AtRisk' : undefined}>
              {c.atRisk}
            </td>
            <td data-testid="breached-today" className={c.breachedToday > 0 ? 'sla-Breached' : undefined}>
              {c.breachedToday}
            </td>
            <td>{formatPercent(c.attainmentLastHour)}</td>
            <td>{formatPercent(c.attainmentToday)}</td>
            <td>{formatSeconds(c.medianFirstResponseSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ClockList({ clocks, now }: { clocks: SlaClockDto[]; now: number }) {
  if (clocks.length === 0) return <p>Nobody is waiting.</p>;
  return (
    <table className="sla-table">
      <thead>
        <tr>
          <th>Time left</th>
          <th>Customer</th>
          <th>Channel</th>
          <th>Held by</th>
        </tr>
      </thead>
      <tbody>
        {clocks.map((clock) => {
          const left = countdown(clock.dueAt, clock.atRiskAt, now, clock.state);
          return (
            <tr key={clock.conversationId} data-testid={`clock-${clock.conversationId}`} data-state={left.state} className={`sla-${left.state}`}>
              <td className="sla-countdown" aria-label={`${left.label} left, ${STATE_NAMES[left.state]}`}>
                {left.label} <small>{STATE_NAMES[left.state]}</small>
              </td>
              <td>{clock.contactName}</td>
              <td>{CHANNEL_NAMES[clock.channel] ?? clock.channel}</td>
              <td>{clock.assignedOperatorName ?? 'queue'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
