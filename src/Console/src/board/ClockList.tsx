import { countdown } from './countdown';
import { CHANNEL_NAMES, STATE_NAMES } from './labels';
import type { SlaClockDto } from './types';

/** Everyone waiting for an answer, most urgent first, counting down live. */
export function ClockList({ clocks, now }: { clocks: SlaClockDto[]; now: number }) {
  if (clocks.length === 0) return <p>Nobody is waiting.</p>;
  return (
    <table className="sla-table">
      <thead>
        <tr>
          <th scope="col">Time left</th>
          <th scope="col">Customer</th>
          <th scope="col">Channel</th>
          <th scope="col">Answered by</th>
        </tr>
      </thead>
      <tbody>
        {clocks.map((clock) => {
          const left = countdown(clock.dueAt, clock.atRiskAt, now, clock.state);
          return (
            <tr key={clock.conversationId} data-testid={`clock-${clock.conversationId}`} data-state={left.state} className={`clock clock-${left.state}`}>
              <td className="sla-countdown" aria-label={`${left.label} left, ${STATE_NAMES[left.state]}`}>
                {left.label} <small>{STATE_NAMES[left.state]}</small>
              </td>
              <td>{clock.contactName}</td>
              <td>{CHANNEL_NAMES[clock.channel] ?? clock.channel}</td>
              <td>{clock.assignedOperatorName ?? 'waiting in the queue'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
