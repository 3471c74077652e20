import { useEffect, useState } from 'react';
import { adminApi, type AuditEntryDto } from './adminApi';
import { FormError } from './FormError';

/** Every admin and supervisor change: who, what, before and after, when; downloadable as CSV. */
export function AuditLog() {
  const [entries, setEntries] = useState<AuditEntryDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void adminApi.audit().then(setEntries, setError), []);
  return (
    <section aria-labelledby="audit-title" data-testid="audit-log">
      <h2 id="audit-title">Audit log</h2>
      <p>
        <a href="/api/audit/export.csv" download>
          Download all as CSV
        </a>
      </p>
      <FormError error={error} testId="audit-error" />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Subject</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td>
                <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
              </td>
              <td>{e.actorName}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td>
                {(e.before || e.after) && (
                  <details>
                    <summary>before / after</summary>
                    <pre>{e.before ?? '—'}</pre>
                    <pre>{e.after ?? '—'}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
