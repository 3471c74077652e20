import { formatDuration, formatPercent, formatSeconds } from './countdown';
import { CHANNEL_NAMES } from './labels';
import type { ChannelBoardDto } from './types';

/** One row per channel: its promise, who waits now, and how the promise held (last hour, the day). */
export function ChannelTable({ channels, now, live }: { channels: ChannelBoardDto[]; now: number; live: boolean }) {
  return (
    <table className="sla-table sla-channels" aria-label="Channels">
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Promise</th>
          {live && <th scope="col">Waiting now</th>}
          {live && <th scope="col">Longest wait</th>}
          {live && <th scope="col">At risk</th>}
          <th scope="col">Breached</th>
          {live && <th scope="col">Within promise, last hour</th>}
          <th scope="col">Within promise, day</th>
          <th scope="col">Median first answer</th>
        </tr>
      </thead>
      <tbody>
        {channels.map((c) => (
          <tr key={c.channel} data-testid={`channel-${c.channel}`}>
            <th scope="row">{CHANNEL_NAMES[c.channel] ?? c.channel}</th>
            <td>
              {formatSeconds(c.firstResponseTargetSeconds)}
              {c.businessHours ? ' (opening hours)' : ''}
            </td>
            {live && <td data-testid="waiting-now">{c.waitingNow}</td>}
            {live && <td>{c.oldestWaitingSince ? formatDuration(now - Date.parse(c.oldestWaitingSince)) : '–'}</td>}
            {live && (
              <td data-testid="at-risk" className={c.atRisk > 0 ? 'cell-at-risk' : undefined}>
                {c.atRisk}
              </td>
            )}
            <td data-testid="breached-today" className={c.breachedToday > 0 ? 'cell-breached' : undefined}>
              {c.breachedToday}
            </td>
            {live && <td>{formatPercent(c.attainmentLastHour)}</td>}
            <td>{formatPercent(c.attainmentToday)}</td>
            <td>{formatSeconds(c.medianFirstResponseSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
