const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface HeatCell {
  day: string;
  hour: number;
  conversations: number;
}

/** Conversations per weekday × hour as an SVG heat map; the numbers are in each cell's title and in the table. */
export function HeatMap({ cells }: { cells: HeatCell[] }) {
  const grid = new Map<string, number>();
  for (const c of cells) grid.set(`${c.day}-${c.hour}`, (grid.get(`${c.day}-${c.hour}`) ?? 0) + c.conversations);
  const max = Math.max(1, ...grid.values());
  const size = 18;
  const total = [...grid.values()].reduce((a, b) => a + b, 0);
  return (
    <svg role="img" aria-label={`Conversations per weekday and hour, ${total} in total`} data-testid="heatmap" width={90 + 24 * size} height={20 + 7 * size}>
      {DAYS.map((day, d) => (
        <g key={day}>
          <text x={0} y={32 + d * size} fontSize={11}>
            {day.slice(0, 3)}
          </text>
          {Array.from({ length: 24 }, (_, h) => {
            const n = grid.get(`${day}-${h}`) ?? 0;
            return (
              <rect key={h} data-testid="heat-cell" data-value={n} x={40 + h * size} y={20 + d * size} width={size - 2} height={size - 2}
                fill={n === 0 ? '#eef1f5' : `rgba(31, 95, 191, ${0.15 + 0.85 * (n / max)})`}>
                <title>{`${day} ${String(h).padStart(2, '0')}:00 — ${n}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      {[0, 6, 12, 18].map((h) => (
        <text key={h} x={40 + h * size} y={12} fontSize={10}>
          {String(h).padStart(2, '0')}
        </text>
      ))}
    </svg>
  );
}

/** One bar per label (0–100 %), e.g. SLA attainment per day. */
export function BarChart({ label, bars }: { label: string; bars: { label: string; value: number }[] }) {
  const width = Math.max(200, bars.length * 16 + 40);
  return (
    <svg role="img" aria-label={label} data-testid="bar-chart" width={width} height={140}>
      <line x1={30} y1={110} x2={width} y2={110} stroke="#888" />
      <text x={0} y={14} fontSize={10}>100%</text>
      <text x={0} y={112} fontSize={10}>0%</text>
      {bars.map((b, i) => (
        <rect key={b.label} data-testid="bar" data-value={b.value} x={34 + i * 16} y={110 - b.value * 100} width={12} height={b.value * 100}
          fill={b.value >= 0.95 ? '#2e7d32' : '#c62828'}>
          <title>{`${b.label}: ${(b.value * 100).toFixed(1)} %`}</title>
        </rect>
      ))}
    </svg>
  );
}
