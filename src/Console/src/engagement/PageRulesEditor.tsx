import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/http';
import { engagementApi, type PageRule } from './types';

/** Where the widget shows (globs such as /cart*, /product/*) and where it never does (exclusions). Saved at once, no restart. */
export function PageRulesEditor({ canEdit }: { canEdit: boolean }) {
  const [rules, setRules] = useState<PageRule[]>([]);
  const [pattern, setPattern] = useState('');
  const [exclude, setExclude] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = () => engagementApi.pageRules().then(setRules, (e: unknown) => setError(errorMessage(e)));
  useEffect(() => void reload(), []);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await engagementApi.addPageRule(pattern.trim(), exclude);
      setPattern('');
      setExclude(false);
    });
  };

  return (
    <section className="engagement-section" aria-labelledby="page-rules-title">
      <h2 id="page-rules-title">Where the widget shows</h2>
      <p className="muted">
        Path globs: <code>*</code> matches anything. With no “show on” rule the widget shows everywhere; a “never on” rule always wins.
      </p>
      <table className="engagement-table" data-testid="page-rules">
        <thead>
          <tr>
            <th>Pages</th>
            <th>Rule</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id} data-testid="page-rule">
              <td>
                <code>{r.pattern}</code>
              </td>
              <td>{r.exclude ? 'never on' : 'show on'}</td>
              {canEdit && (
                <td>
                  <button type="button" onClick={() => void act(() => engagementApi.updatePageRule({ ...r, exclude: !r.exclude }))}>
                    {r.exclude ? 'Make “show on”' : 'Make “never on”'}
                  </button>{' '}
                  <button type="button" onClick={() => void act(() => engagementApi.deletePageRule(r.id))} aria-label={`Delete rule ${r.pattern}`}>
                    Delete
                  </button>
                </td>
              )}
            </tr>
          ))}
          {rules.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No rules: the widget shows on every page.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {canEdit && (
        <form className="inline-form" onSubmit={add}>
          <label>
            Pages <input value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="/checkout/payment*" data-testid="page-rule-pattern" required />
          </label>
          <label>
            <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} data-testid="page-rule-exclude" /> never show here
          </label>
          <button type="submit" className="primary" data-testid="page-rule-add">
            Add rule
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
