import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OperatorDto } from '../api/types';
import { adminApi } from './adminApi';
import { FormError } from './FormError';
import { OperatorEditor } from './OperatorEditor';

/** People: everyone who logs in to the console; create, edit, disable (their chats are re-routed), reset a password. */
export function PeopleAdmin() {
  const [people, setPeople] = useState<OperatorDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => adminApi.operators().then(setPeople, setError), []);
  useEffect(() => void load(), [load]);

  const act = (action: () => Promise<unknown>) => () =>
    action().then(
      () => {
        setError(null);
        return load();
      },
      setError,
    );

  return (
    <section aria-labelledby="people-title" data-testid="people-admin">
      <h2 id="people-title">People</h2>
      <NewOperator onCreated={load} />
      <FormError error={error} testId="people-error" />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Capacity (live / async)</th>
            <th scope="col">Skills and languages</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} data-testid="person-row" data-email={p.email}>
              <td>
                <span className="avatar" aria-hidden="true">
                  {p.initials}
                </span>{' '}
                {p.displayName}
              </td>
              <td>{p.email}</td>
              <td>{p.role}</td>
              <td>
                {p.liveCapacity} / {p.asyncCapacity}
              </td>
              <td>{[...(p.skills ?? []), ...(p.languages ?? [])].join(', ') || '—'}</td>
              <td>{p.disabled ? 'Disabled' : p.presence}</td>
              <td>
                <OperatorEditor operator={p} onSaved={load} />
                {p.disabled ? (
                  <button type="button" onClick={act(() => adminApi.enable(p.id))}>
                    Enable
                  </button>
                ) : (
                  <button type="button" data-testid="disable-operator" onClick={act(() => adminApi.disable(p.id))}>
                    Disable
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function NewOperator({ onCreated }: { onCreated: () => unknown }) {
  const [form, setForm] = useState({ email: '', displayName: '', password: '', role: 'operator' });
  const [error, setError] = useState<unknown>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adminApi.createOperator(form).then(() => {
      setError(null);
      setForm({ email: '', displayName: '', password: '', role: 'operator' });
      return onCreated();
    }, setError);
  };
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label="Add a person">
      <label>
        Name <input data-testid="new-operator-name" {...field('displayName')} />
      </label>
      <label>
        Email <input data-testid="new-operator-email" type="email" {...field('email')} />
      </label>
      <label>
        First password <input data-testid="new-operator-password" type="password" autoComplete="new-password" {...field('password')} />
      </label>
      <label>
        Role{' '}
        <select data-testid="new-operator-role" {...field('role')}>
          <option value="operator">Operator</option>
          <option value="supervisor">Supervisor</option>
          <option value="analyst">Analyst (reports only)</option>
          <option value="admin">Admin</option>
        </select>
      </label>
      <button type="submit" className="primary" data-testid="new-operator-save">
        Add person
      </button>
      <FormError error={error} testId="new-operator-error" />
    </form>
  );
}
