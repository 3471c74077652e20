import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ContactMergeDto, ContactSummaryDto, MergeSuggestionDto } from '../api/types';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../auth/session';
import { ContactPrivacy } from './ContactPrivacy';

/** Contacts with search, merge suggestions (same e-mail / phone on two channels), merge and undo. */
export function ContactsPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const admin = session.status === 'authenticated' && session.operator.role === 'admin';
  const [q, setQ] = useState('');
  const [contacts, setContacts] = useState<ContactSummaryDto[]>([]);
  const [suggestions, setSuggestions] = useState<MergeSuggestionDto[]>([]);
  const [lastMerge, setLastMerge] = useState<{ merge: ContactMergeDto; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    (query: string) => {
      api.contacts(query).then(setContacts, (e: unknown) => setError(errorMessage(e)));
      api.mergeSuggestions().then(setSuggestions, () => {});
    },
    [],
  );
  useEffect(() => load(''), [load]);

  const merge = async (s: MergeSuggestionDto) => {
    setError(null);
    try {
      const m = await api.mergeContacts(s.contactId, s.otherContactId);
      setLastMerge({ merge: m, text: t('contacts.merged', { a: s.contactName, b: s.otherContactName }) });
      load(q);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const undo = async () => {
    if (!lastMerge) return;
    try {
      await api.undoMerge(lastMerge.merge.id);
      setLastMerge(null);
      load(q);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    load(q);
  };

  return (
    <main className="page contacts-page" aria-labelledby="contacts-title">
      <h1 id="contacts-title">{t('contacts.title')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {lastMerge && (
        <p role="status" className="notice" data-testid="merge-done">
          {lastMerge.text}{' '}
          <button type="button" onClick={() => void undo()} data-testid="merge-undo">
            {t('contacts.undo')}
          </button>
        </p>
      )}
      {suggestions.length > 0 && (
        <section aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">{t('contacts.suggestions')}</h2>
          <ul data-testid="merge-suggestions">
            {suggestions.map((s) => (
              <li key={`${s.contactId}-${s.otherContactId}`}>
                {s.contactName} ↔ {s.otherContactName} <span className="muted">({s.reason}: {s.value})</span>{' '}
                <button type="button" className="small" onClick={() => void merge(s)} data-testid="merge-button">
                  {t('contacts.merge')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form role="search" onSubmit={submit}>
        <label>
          <span className="visually-hidden">{t('contacts.search')}</span>
          <input type="search" value={q} placeholder={t('contacts.search')} onChange={(e) => setQ(e.target.value)} data-testid="contacts-search" />
        </label>
      </form>
      <ul className="contact-list" data-testid="contact-list">
        {contacts.map((c) => (
          <li key={c.id}>
            <strong>{c.displayName}</strong> {c.email && <span>{c.email}</span>} {c.phone && <span>{c.phone}</span>}{' '}
            {c.identities.map((i) => (
              <ChannelBadge key={i.id} channel={i.channel} />
            ))}{' '}
            <span className="muted">{t('contacts.conversations', { count: c.conversations })}</span>
            {admin && (
              <>
                {' '}
                <ContactPrivacy contactId={c.id} name={c.displayName} onErased={() => load(q)} />
              </>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
