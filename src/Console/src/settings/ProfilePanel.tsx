import { useState, type FormEvent } from 'react';
import { request } from '../api/http';
import type { OperatorDto } from '../api/types';
import { FormError } from '../admin/FormError';
import { splitList } from '../admin/adminApi';
import { useConsole } from '../state/ConsoleProvider';

/** My profile: name (and so my initials), console language, languages I answer in, my password. */
export function ProfilePanel() {
  const { me } = useConsole();
  const [name, setName] = useState(me.displayName);
  const [locale, setLocale] = useState(me.locale ?? 'en');
  const [languages, setLanguages] = useState((me.languages ?? []).join(', '));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');

  const saveProfile = (event: FormEvent) => {
    event.preventDefault();
    request<OperatorDto>('PUT', '/api/operators/me/profile', { displayName: name, locale, languages: splitList(languages) }).then(() => {
      setError(null);
      setNote('Profile saved.');
    }, setError);
  };
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    request<void>('PUT', '/api/operators/me/password', { currentPassword: current, newPassword: next }).then(() => {
      setError(null);
      setCurrent('');
      setNext('');
      setNote('Password changed.');
    }, setError);
  };
  const initials = name
    .split(' ')
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <section className="settings-panel" aria-labelledby="profile-title" data-testid="profile">
      <h2 id="profile-title">
        <span className="avatar" aria-hidden="true">
          {initials}
        </span>{' '}
        My profile
      </h2>
      <form className="settings-form" onSubmit={saveProfile} noValidate>
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Console language{' '}
          <select value={locale} onChange={(e) => setLocale(e.target.value)}>
            <option value="en">English</option>
            <option value="nl">Nederlands</option>
          </select>
        </label>
        <label>
          Languages I answer in (e.g. en, nl) <input value={languages} onChange={(e) => setLanguages(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Save profile
        </button>
      </form>
      <form className="settings-form" onSubmit={savePassword} noValidate>
        <label>
          Current password <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          New password (8 or more characters) <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </label>
        <button type="submit">Change password</button>
      </form>
      {note && <p role="status">{note}</p>}
      <FormError error={error} testId="profile-error" />
    </section>
  );
}
