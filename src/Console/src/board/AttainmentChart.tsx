import type { Channel } from '../api/types';
import type { ChannelBoardDto } from './types';

export const CHANNEL_COLOURS: Record<Channel, string> = {
  WebChat: '#2563eb',
  WhatsApp: '#16a34a',
  Sms: '#9333ea',
  Messenger: '#0891b2',
  Telegram: '#0ea5e9',
  Email: '#b45309',
  BotFramework: '#4f46e5',
};

const WIDTH = 480;
const HEIGHT = 180;
const PAD = { left: 36, right: 10, top: 10, bottom: 24 };

/**
 * SLA attainment through the day, one line per channel: the cumulative share of responses within target at the
 * end of each hour. Inline SVG; channels with nothing measured today draw no line.
 */
export function AttainmentChart({ channels }: { channels: ChannelBoardDto[] }) {
  const hours = Math.max(1, ...channels.map((c) => c.attainment.length));
  const x = (hour: number) => PAD.left + ((WIDTH - PAD.left - PAD.right) * (hour + 0.5)) / hours;
  const y = (share: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - share);
  const drawn = channels.filter((c) => c.attainment.some((p) => p.cumulative !== null));

  return (
    <figure className="sla-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="SLA attainment through the day per channel">
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(share)} y2={y(share)} stroke="#e5e7eb" />
            <text x={PAD.left - 4} y={y(share) + 4} textAnchor="end" fontSize="10" fill="#6b7280">
              {share * 100}%
            </text>
          </g>
        ))}
        {Array.from({ length: hours }, (_, h) =>
          h % 3 === 0 ? (
            <text key={h} x={x(h)} y={HEIGHT - 8} textAnchor="middle" fontSize="10" fill="#6b7280">
              {String(h).padStart(2, '0')}
            </text>
          ) : null,
        )}
        {drawn.map((c) => {
          const points = c.attainment.flatMap((p, h) => (p.cumulative === null ? [] : [`${x(h).toFixed(1)},${y(p.cumulative).toFixed(1)}`]));
          return (
            <polyline
              key={c.channel}
              data-channel={c.channel}
              points={points.join(' ')}
              fill="none"
              stroke={CHANNEL_COLOURS[c.channel]}
              strokeWidth="2"
            />
          );
        })}
      </svg>
      <figcaption>
        {drawn.length === 0
          ? 'Nothing answered yet today.'
          : drawn.map((c) => (
              <span key={c.channel} className="sla-legend" style={{ color: CHANNEL_COLOURS[c.channel] }}>
                ● {c.channel}
              </span>
            ))}
      </figcaption>
    </figure>
  );
}
