import { useEffect, useState } from 'react';
import { engagementApi, type RuleEffect } from './types';

/** Which rule earns its keep: per rule, distinct visitors who matched, were greeted, accepted, dismissed, converted, and the chats' CSAT. */
export function RuleEffects() {
  const [rows, setRows] = useState<RuleEffect[] | null>(null);
  useEffect(() => {
    engagementApi.effect().then(setRows, () => setRows(null));
  }, []);
  if (!rows) return null;
  const pct = (a: number, b: number) => (b ? ` (${Math.round((a / b) * 100)}%)` : '');
  return (
    <section className="engagement-section" aria-labelledby="effect-title">
      <h2 id="effect-title">Effect per rule</h2>
      <table className="engagement-table" data-testid="rule-effects">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Matched</th>
            <th>Greeted</th>
            <th>Accepted</th>
            <th>Dismissed</th>
            <th>Converted</th>
            <th>CSAT</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ruleId}>
              <td>{r.name}</td>
              <td>{r.matched}</td>
              <td>{r.greeted}</td>
              <td>
                {r.accepted}
                {pct(r.accepted, r.greeted)}
              </td>
              <td>{r.dismissed}</td>
              <td>
                {r.converted}
                {pct(r.converted, r.greeted)}
              </td>
              <td>{r.averageCsat != null ? `${r.averageCsat} (${r.ratings})` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
