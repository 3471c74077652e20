import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/http';
import { engagementApi, type ConditionKind, type EngagementRule, type EngagementRuleInput, type RuleCondition } from './types';

const KINDS: { kind: ConditionKind; label: string; value: string | null }[] = [
  { kind: 'Dwell', label: 'Time on page', value: 'seconds' },
  { kind: 'CartValue', label: 'Cart value', value: 'at least' },
  { kind: 'Visits', label: 'Visits', value: 'at least' },
  { kind: 'PageViews', label: 'Pages viewed this visit', value: 'at least' },
  { kind: 'ExitIntent', label: 'About to leave (exit intent)', value: null },
  { kind: 'Returning', label: 'Returning visitor', value: null },
];

const blank = (): EngagementRuleInput => ({
  name: '',
  enabled: true,
  pages: '/cart*',
  conditions: [
    { kind: 'Dwell', value: 20, weight: 1 },
    { kind: 'CartValue', value: 100, weight: 1 },
  ],
  threshold: 2,
  greeting: { en: 'Anything we can help with before you check out?' },
  priority: 0,
});

export function describeCondition(c: RuleCondition): string {
  switch (c.kind) {
    case 'Dwell':
      return c.percentile ? `time on page ≥ p${c.percentile} of this page (else ${c.value ?? 30} s)` : `time on page ≥ ${c.value ?? 30} s`;
    case 'CartValue':
      return `cart ≥ ${c.value ?? 0}`;
    case 'Visits':
      return `visits ≥ ${c.value ?? 1}`;
    case 'PageViews':
      return `page views ≥ ${c.value ?? 1}`;
    case 'ExitIntent':
      return 'exit intent';
    default:
      return 'returning visitor';
  }
}

/** Proactive greeting rules: conditions add their weight to a score; the greeting shows when the score reaches the threshold. */
export function RulesEditor({ canEdit }: { canEdit: boolean }) {
  const [rules, setRules] = useState<EngagementRule[]>([]);
  const [draft, setDraft] = useState<EngagementRuleInput | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = () => engagementApi.rules().then(setRules, (e: unknown) => setError(errorMessage(e)));
  useEffect(() => void reload(), []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    setError(null);
    try {
      if (editing === null) await engagementApi.addRule(draft);
      else await engagementApi.updateRule(editing, draft);
      setDraft(null);
      setEditing(null);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const remove = async (ruleId: number) => {
    try {
      await engagementApi.deleteRule(ruleId);
      await reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const setCondition = (index: number, change: Partial<RuleCondition>) =>
    setDraft((d) => d && { ...d, conditions: d.conditions.map((c, i) => (i === index ? { ...c, ...change } : c)) });

  return (
    <section className="engagement-section" aria-labelledby="rules-title">
      <h2 id="rules-title">Proactive greetings</h2>
      <ul className="rule-list" data-testid="engagement-rules">
        {rules.map((r) => (
          <li key={r.id} data-testid="engagement-rule">
            <strong>{r.name}</strong> {!r.enabled && <span className="badge">off</span>} on <code>{r.pages}</code>: greet when score ≥ {r.threshold} of{' '}
            {r.conditions.map((c) => `${describeCondition(c)} (+${c.weight})`).join(', ')} — “{r.greeting['en'] ?? Object.values(r.greeting)[0]}”
            {canEdit && (
              <>
                {' '}
                <button
                  type="button"
                  onClick={() => {
                    setEditing(r.id);
                    setDraft({ name: r.name, enabled: r.enabled, pages: r.pages, conditions: r.conditions, threshold: r.threshold, greeting: r.greeting, priority: r.priority });
                  }}
                >
                  Edit
                </button>{' '}
                <button type="button" onClick={() => void remove(r.id)}>
                  Delete
                </button>
              </>
            )}
          </li>
        ))}
        {rules.length === 0 && <li className="muted">No greeting rules: nobody is greeted proactively.</li>}
      </ul>
      {canEdit && !draft && (
        <button type="button" className="primary" onClick={() => (setEditing(null), setDraft(blank()))} data-testid="rule-new">
          New greeting rule
        </button>
      )}
      {draft && (
        <form className="rule-form" onSubmit={(e) => void save(e)} data-testid="rule-form">
          <label>
            Name <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required data-testid="rule-name" />
          </label>
          <label>
            Pages <input value={draft.pages} onChange={(e) => setDraft({ ...draft, pages: e.target.value })} data-testid="rule-pages" />
          </label>
          <fieldset>
            <legend>Conditions (score = sum of the weights of the conditions met)</legend>
            {draft.conditions.map((c, i) => {
              const meta = KINDS.find((k) => k.kind === c.kind)!;
              return (
                <div className="condition-row" key={i}>
                  <select value={c.kind} onChange={(e) => setCondition(i, { kind: e.target.value as ConditionKind })} aria-label="Condition">
                    {KINDS.map((k) => (
                      <option key={k.kind} value={k.kind}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                  {meta.value && (
                    <label>
                      {meta.value}{' '}
                      <input type="number" min={0} step="any" value={c.value ?? ''} onChange={(e) => setCondition(i, { value: e.target.value === '' ? null : Number(e.target.value) })} />
                    </label>
                  )}
                  {c.kind === 'Dwell' && (
                    <label title="Greet at this percentile of how long visitors stay on these pages (learned from the signals); the seconds apply until enough history exists">
                      or percentile{' '}
                      <input type="number" min={1} max={99} value={c.percentile ?? ''} onChange={(e) => setCondition(i, { percentile: e.target.value === '' ? null : Number(e.target.value) })} />
                    </label>
                  )}
                  <label>
                    weight <input type="number" step="any" value={c.weight} onChange={(e) => setCondition(i, { weight: Number(e.target.value) })} />
                  </label>
                  <button type="button" onClick={() => setDraft({ ...draft, conditions: draft.conditions.filter((_, j) => j !== i) })} aria-label="Remove condition">
                    ×
                  </button>
                </div>
              );
            })}
            <button type="button" onClick={() => setDraft({ ...draft, conditions: [...draft.conditions, { kind: 'ExitIntent', weight: 1 }] })}>
              Add condition
            </button>
          </fieldset>
          <label>
            Threshold <input type="number" step="any" value={draft.threshold} onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })} />
          </label>
          <label>
            Priority <input type="number" value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: Number(e.target.value) })} />
          </label>
          <fieldset>
            <legend>Greeting per language</legend>
            {Object.entries(draft.greeting).map(([lang, text]) => (
              <label key={lang} className="greeting-row">
                <code>{lang}</code>{' '}
                <input value={text} onChange={(e) => setDraft({ ...draft, greeting: { ...draft.greeting, [lang]: e.target.value } })} />
              </label>
            ))}
            <button
              type="button"
              onClick={() => {
                const lang = window.prompt('Language code (e.g. nb, de)')?.trim().toLowerCase();
                if (lang) setDraft({ ...draft, greeting: { ...draft.greeting, [lang]: '' } });
              }}
            >
              Add language
            </button>
          </fieldset>
          <label>
            <input type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} /> enabled
          </label>
          <div>
            <button type="submit" className="primary" data-testid="rule-save">
              Save
            </button>{' '}
            <button type="button" onClick={() => (setDraft(null), setEditing(null))}>
              Cancel
            </button>
          </div>
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
