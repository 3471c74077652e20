import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OperatorDto } from '../api/types';
import { adminApi, CHANNEL_LABELS, CHANNELS, splitList, type TeamDto } from './adminApi';
import { FormError } from './FormError';

/** Teams: who serves which channels, skills and page groups together. */
export function TeamsAdmin() {
  const [teams, setTeams] = useState<TeamDto[]>([]);
  const [people, setPeople] = useState<OperatorDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => Promise.all([adminApi.teams(), adminApi.operators()]).then(([t, p]) => (setTeams(t), setPeople(p)), setError), []);
  useEffect(() => void load(), [load]);
  const names = Object.fromEntries(people.map((p) => [p.id, p.displayName]));

  return (
    <section aria-labelledby="teams-title" data-testid="teams-admin">
      <h2 id="teams-title">Teams</h2>
      <TeamForm people={people} onSaved={load} />
      <FormError error={error} testId="teams-error" />
      <ul className="admin-list">
        {teams.map((t) => (
          <li key={t.id} data-testid="team-row">
            <strong>{t.name}</strong> · {t.memberIds.map((id) => names[id] ?? `#${id}`).join(', ') || 'no members'}
            {t.channels.length > 0 && <span className="muted"> · {t.channels.map((c) => CHANNEL_LABELS[c] ?? c).join(', ')}</span>}
            {t.skills.length > 0 && <span className="muted"> · skills {t.skills.join(', ')}</span>}
            {t.pageGroups.length > 0 && <span className="muted"> · pages {t.pageGroups.join(', ')}</span>}{' '}
            <button type="button" onClick={() => void adminApi.deleteTeam(t.id).then(load, setError)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TeamForm({ people, onSaved }: { people: OperatorDto[]; onSaved: () => unknown }) {
  const [name, setName] = useState('');
  const [channels, setChannels] = useState<string[]>([]);
  const [skills, setSkills] = useState('');
  const [pages, setPages] = useState('');
  const [members, setMembers] = useState<number[]>([]);
  const [error, setError] = useState<unknown>(null);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    adminApi.createTeam({ name, channels, skills: splitList(skills), pageGroups: splitList(pages), memberIds: members }).then(() => {
      setError(null);
      setName('');
      setMembers([]);
      return onSaved();
    }, setError);
  };
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label="Add a team">
      <label>
        Team name <input data-testid="team-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset>
        <legend>Channels (none: all)</legend>
        {CHANNELS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={channels.includes(c)} onChange={() => setChannels(toggle(channels, c))} /> {CHANNEL_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label>
        Skills <input value={skills} onChange={(e) => setSkills(e.target.value)} placeholder="payments, returns" />
      </label>
      <label>
        Page groups <input value={pages} onChange={(e) => setPages(e.target.value)} placeholder="/checkout*" />
      </label>
      <fieldset>
        <legend>Members</legend>
        {people.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" data-testid="team-member" data-email={p.email} checked={members.includes(p.id)} onChange={() => setMembers(toggle(members, p.id))} />{' '}
            {p.displayName}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" data-testid="team-save">
        Add team
      </button>
      <FormError error={error} testId="team-error" />
    </form>
  );
}
