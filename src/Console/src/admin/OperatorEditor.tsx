import { useState, type FormEvent } from 'react';
import type { OperatorDto } from '../api/types';
import { adminApi, splitList } from './adminApi';
import { FormError } from './FormError';

/** Edit one person in place: name, email, role, capacity, skills, languages; reset their password. */
export function OperatorEditor({ operator, onSaved }: { operator: OperatorDto; onSaved: () => unknown }) {
  const [form, setForm] = useState({
    displayName: operator.displayName,
    email: operator.email ?? "",
    role: operator.role,
    liveCapacity: String(operator.liveCapacity ?? 3),
    asyncCapacity: String(operator.asyncCapacity ?? 8),
    skills: (operator.skills ?? []).join(', '),
    languages: (operator.languages ?? []).join(', '),
  });
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const field = (name: keyof typeof form) => ({ value: form[name], onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }) });

  const save = (event: FormEvent) => {
    event.preventDefault();
    adminApi
      .updateOperator(operator.id, {
        ...form,
        liveCapacity: Number(form.liveCapacity),
        asyncCapacity: Number(form.asyncCapacity),
        skills: splitList(form.skills),
        languages: splitList(form.languages),
      })
      .then(() => {
        setError(null);
        setNote('Saved.');
        return onSaved();
      }, setError);
  };
  const reset = () =>
    adminApi.resetPassword(operator.id, password).then(() => {
      setError(null);
      setPassword('');
      setNote('New password set: tell it to them.');
    }, setError);

  return (
    <details className="inline-editor">
      <summary>Edit</summary>
      <form onSubmit={save} noValidate aria-label={`Edit ${operator.displayName}`}>
        <label>
          Name <input {...field('displayName')} />
        </label>
        <label>
          Email <input type="email" {...field('email')} />
        </label>
        <label>
          Role{' '}
          <select {...field('role')}>
            <option value="operator">Operator</option>
            <option value="supervisor">Supervisor</option>
            <option value="analyst">Analyst (reports only)</option>
            <option value="admin">Admin</option>
          </select>
        </label>
        <label>
          Live chats at once <input type="number" min={0} max={50} {...field('liveCapacity')} />
        </label>
        <label>
          Asynchronous at once <input type="number" min={0} max={200} {...field('asyncCapacity')} />
        </label>
        <label>
          Skills (comma-separated) <input data-testid="edit-skills" {...field('skills')} />
        </label>
        <label>
          Languages (e.g. en, nl) <input {...field('languages')} />
        </label>
        <button type="submit" className="primary" data-testid="edit-operator-save">
          Save
        </button>
      </form>
      <label>
        New password <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="button" onClick={() => void reset()}>
        Reset password
      </button>
      {note && <p role="status">{note}</p>}
      <FormError error={error} testId="edit-operator-error" />
    </details>
  );
}
