import { useEffect, useState, type FormEvent } from 'react';
import { adminApi, CHANNEL_LABELS, type SlaPolicySetting } from './adminApi';
import { FormError } from './FormError';

/** Each channel's promise, in seconds; takes effect for the next conversation, no restart. */
export function SlaSettingsAdmin() {
  const [policies, setPolicies] = useState<SlaPolicySetting[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void adminApi.sla().then((s) => setPolicies(s.policies), setError), []);

  const change = (i: number, patch: Partial<SlaPolicySetting>) => {
    setSaved(false);
    setPolicies(policies.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adminApi.saveSla(policies).then((s) => {
      setPolicies(s.policies);
      setError(null);
      setSaved(true);
    }, setError);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="sla-title" data-testid="sla-settings">
      <h2 id="sla-title">Response promises (SLA)</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">First response (s)</th>
            <th scope="col">Next response (s)</th>
            <th scope="col">Count opening hours only</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p, i) => (
            <tr key={p.channel} data-channel={p.channel}>
              <th scope="row">{CHANNEL_LABELS[p.channel] ?? p.channel}</th>
              <td>
                <input
                  type="number"
                  aria-label={`${CHANNEL_LABELS[p.channel] ?? p.channel} first response in seconds`}
                  data-testid={`sla-first-${p.channel}`}
                  value={p.firstResponseSeconds}
                  onChange={(e) => change(i, { firstResponseSeconds: Number(e.target.value) })}
                />
              </td>
              <td>
                <input
                  type="number"
                  aria-label={`${CHANNEL_LABELS[p.channel] ?? p.channel} next response in seconds`}
                  data-testid={`sla-next-${p.channel}`}
                  value={p.nextResponseSeconds}
                  onChange={(e) => change(i, { nextResponseSeconds: Number(e.target.value) })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${CHANNEL_LABELS[p.channel] ?? p.channel} counts opening hours only`}
                  checked={p.businessHours}
                  onChange={(e) => change(i, { businessHours: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="submit" className="primary" data-testid="sla-save">
        Save promises
      </button>{' '}
      {saved && <span role="status" data-testid="sla-saved">Saved: the next conversation uses these.</span>}
      <FormError error={error} testId="sla-error" />
    </form>
  );
}
