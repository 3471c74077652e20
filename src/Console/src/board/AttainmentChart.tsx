import type { Channel } from '../api/types';
import { CHANNEL_NAMES } from './labels';
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
 * end of each hour, with a dot on every measured hour (so the first hour of data already shows). Inline SVG;
 * channels with nothing measured draw nothing, and an empty chart says so.
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
            <text x={PAD.left - 4} y={y(share) + 4} textAnchor="end" fontSize="10" fill="#4b5563">
              {share * 100}%
            </text>
          </g>
        ))}
        {Array.from({ length: hours }, (_, h) =>
          h % 3 === 0 ? (
            <text key={h} x={x(h)} y={HEIGHT - 8} textAnchor="middle" fontSize="10" fill="#4b5563">
              {String(h).padStart(2, '0')}
            </text>
          ) : null,
        )}
        {drawn.map((c) => {
          const points = c.attainment.flatMap((p, h) => (p.cumulative === null ? [] : [{ x: x(h), y: y(p.cumulative), share: p.cumulative, hour: h }]));
          return (
            <g key={c.channel} data-channel={c.channel}>
              {points.length > 1 && (
                <polyline
                  data-channel={c.channel}
                  points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
                  fill="none"
                  stroke={CHANNEL_COLOURS[c.channel]}
                  strokeWidth="2"
                />
              )}
              {points.map((p) => (
                <circle key={p.hour} data-testid="chart-point" cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r="3.5" fill={CHANNEL_COLOURS[c.channel]}>
                  <title>{`${CHANNEL_NAMES[c.channel] ?? c.channel}, ${String(p.hour).padStart(2, '0')}:00: ${Math.round(p.share * 100)}% within promise`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        {drawn.length === 0
          ? 'Nothing answered yet today.'
          : drawn.map((c) => (
              <span key={c.channel} className="sla-legend">
                <span aria-hidden="true" style={{ color: CHANNEL_COLOURS[c.channel] }}>
                  ●
                </span>{' '}
                {CHANNEL_NAMES[c.channel] ?? c.channel}
              </span>
            ))}
      </figcaption>
    </figure>
  );
}
