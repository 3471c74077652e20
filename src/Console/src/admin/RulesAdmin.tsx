import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { adminApi, CHANNEL_LABELS, CHANNELS, splitList, type RoutingRuleDto, type TeamDto } from './adminApi';
import { FormError } from './FormError';

/** Routing rules: top to bottom, the first that matches a new conversation gives it a team and skills. */
export function RulesAdmin() {
  const [rules, setRules] = useState<RoutingRuleDto[]>([]);
  const [teams, setTeams] = useState<TeamDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => Promise.all([adminApi.rules(), adminApi.teams()]).then(([r, t]) => (setRules(r), setTeams(t)), setError), []);
  useEffect(() => void load(), [load]);
  const teamName = (id: number | null) => teams.find((t) => t.id === id)?.name;

  return (
    <section aria-labelledby="rules-title" data-testid="rules-admin">
      <h2 id="rules-title">Routing rules</h2>
      <p className="muted">
        Checked top to bottom when a conversation starts; the first rule that matches decides. After the overflow time anyone may answer, so a
        skill never leaves a customer waiting.
      </p>
      <RuleForm teams={teams} onSaved={load} />
      <FormError error={error} testId="rules-error" />
      <ol className="admin-list">
        {rules.map((r) => (
          <li key={r.id} data-testid="rule-row">
            <strong>{r.name}</strong>: when {describe(r)} → {teamName(r.teamId) ? `team ${teamName(r.teamId)}` : 'any team'}
            {r.skills.length > 0 && `, needs ${r.skills.join(', ')}`}; anyone after {r.overflowAfterSeconds} s{' '}
            <button type="button" onClick={() => void adminApi.deleteRule(r.id).then(load, setError)}>
              Delete
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function describe(r: RoutingRuleDto): string {
  const parts = [
    r.channel && `channel is ${CHANNEL_LABELS[r.channel] ?? r.channel}`,
    r.pageGroup && `page is ${r.pageGroup}`,
    r.language && `language is ${r.language}`,
    r.keywords.length > 0 && `first message mentions ${r.keywords.join(' or ')}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'always';
}

function RuleForm({ teams, onSaved }: { teams: TeamDto[]; onSaved: () => unknown }) {
  const empty = { name: '', channel: '', pageGroup: '', language: '', keywords: '', teamId: '', skills: '', overflow: '60' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adminApi
      .createRule({
        name: form.name,
        enabled: true,
        channel: form.channel || null,
        pageGroup: form.pageGroup || null,
        language: form.language || null,
        keywords: splitList(form.keywords),
        teamId: form.teamId ? Number(form.teamId) : null,
        skills: splitList(form.skills),
        overflowAfterSeconds: Number(form.overflow),
      })
      .then(() => {
        setError(null);
        setForm(empty);
        return onSaved();
      }, setError);
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label="Add a routing rule">
      <label>
        Rule name <input data-testid="rule-name" {...field('name')} />
      </label>
      <label>
        Channel{' '}
        <select {...field('channel')}>
          <option value="">any</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Page group <input data-testid="rule-page" placeholder="/checkout*" {...field('pageGroup')} />
      </label>
      <label>
        Visitor language <input placeholder="nl" {...field('language')} />
      </label>
      <label>
        Keywords in the first message <input placeholder="refund, return" {...field('keywords')} />
      </label>
      <label>
        Team{' '}
        <select data-testid="rule-team" {...field('teamId')}>
          <option value="">no team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Needs skills <input data-testid="rule-skills" placeholder="payments" {...field('skills')} />
      </label>
      <label>
        Anyone may answer after (seconds) <input data-testid="rule-overflow" type="number" min={5} {...field('overflow')} />
      </label>
      <button type="submit" className="primary" data-testid="rule-save">
        Add rule
      </button>
      <FormError error={error} testId="rule-error" />
    </form>
  );
}
