import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ContactProfileDto } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The contact's name and fields, editable in place. */
export function ContactEditor({ profile, onSaved }: { profile: ContactProfileDto; onSaved(profile: ContactProfileDto): void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [fields, setFields] = useState({ displayName: '', email: '', phone: '', about: '' });
  const [error, setError] = useState<string | null>(null);

  const start = () => {
    setFields({ displayName: profile.displayName, email: profile.email ?? '', phone: profile.phone ?? '', about: profile.about ?? '' });
    setError(null);
    setEditing(true);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onSaved(await api.updateContact(profile.id, fields));
      setEditing(false);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  if (!editing)
    return (
      <header className="contact-head">
        <h2 data-testid="customer-name">{profile.displayName}</h2>
        {profile.email && <p>{profile.email}</p>}
        {profile.phone && <p>{profile.phone}</p>}
        {profile.about && <p className="about">{profile.about}</p>}
        <button type="button" className="small" onClick={start} data-testid="contact-edit">
          {t('customer.edit')}
        </button>
      </header>
    );
  const field = (key: keyof typeof fields, label: string, type = 'text') => (
    <label>
      {label}
      {key === 'about' ? (
        <textarea value={fields[key]} rows={3} maxLength={4000} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />
      ) : (
        <input type={type} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} data-testid={`contact-${key}`} />
      )}
    </label>
  );
  return (
    <form className="contact-edit" onSubmit={save} aria-label={t('customer.edit')}>
      {field('displayName', t('customer.name'))}
      {field('email', t('customer.email'), 'email')}
      {field('phone', t('customer.phone'), 'tel')}
      {field('about', t('customer.about'))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" data-testid="contact-save">
        {t('customer.save')}
      </button>{' '}
      <button type="button" onClick={() => setEditing(false)}>
        {t('customer.cancel')}
      </button>
    </form>
  );
}
