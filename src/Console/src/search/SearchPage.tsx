import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { CHANNELS, type Channel, type SearchHit } from '../api/types';
import { Link } from '../app/router';
import { ChannelBadge, channelLabel } from '../inbox/ChannelBadge';
import { formatDateTime, useI18n } from '../i18n/i18n';
import { useLabels } from '../labels/useLabels';
import { Snippet } from './Snippet';

const PAGE = 20;

/** Search messages, notes and contacts, with filters and paging; each hit opens its conversation. */
export function SearchPage() {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [label, setLabel] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [contacts, setContacts] = useState<SearchHit[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const run = async (offset: number) => {
    const params = new URLSearchParams({ q, offset: String(offset), limit: String(PAGE) });
    if (channel) params.set('channel', channel);
    if (label) params.set('label', label);
    if (from) params.set('from', new Date(from).toISOString());
    if (to) params.set('to', new Date(`${to}T23:59:59`).toISOString());
    setError(null);
    try {
      const result = await api.search(params);
      setHits((h) => (offset === 0 ? result.hits : [...(h ?? []), ...result.hits]));
      if (offset === 0) setContacts(result.contacts);
      setMore(result.more);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(0);
  };

  return (
    <main className="page search-page" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form role="search" onSubmit={submit} className="search-form">
        <label>
          <span className="visually-hidden">{t('search.placeholder')}</span>
          <input ref={input} type="search" value={q} maxLength={200} placeholder={t('search.placeholder')} onChange={(e) => setQ(e.target.value)} data-testid="search-input" />
        </label>
        <label>
          {t('search.channel')}
          <select value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')} data-testid="search-channel">
            <option value="">{t('search.any')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {channelLabel(c)}
              </option>
            ))}
          </select>
        </label>
        {labels.length > 0 && (
          <label>
            {t('labels.filter')}
            <select value={label} onChange={(e) => setLabel(e.target.value)}>
              <option value="">{t('labels.all')}</option>
              {labels.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('search.from')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('search.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary" data-testid="search-submit">
          {t('search.title')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {contacts.length > 0 && (
        <section aria-labelledby="search-contacts">
          <h2 id="search-contacts">{t('search.contacts')}</h2>
          <ul className="search-results">
            {contacts.map((c) => (
              <li key={c.id}>
                <Link to={`/contacts?id=${c.contactId}`}>{c.contactName}</Link> <Snippet text={c.snippet} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {hits && (
        <section aria-labelledby="search-hits">
          <h2 id="search-hits">{t('search.messages')}</h2>
          {hits.length === 0 ? (
            <p className="muted">{t('search.none')}</p>
          ) : (
            <ul className="search-results" data-testid="search-results">
              {hits.map((h) => (
                <li key={`${h.kind}-${h.id}`} data-testid="search-hit" data-kind={h.kind}>
                  <Link to={`/conversations/${h.conversationId}`}>
                    {h.channel && <ChannelBadge channel={h.channel} />} <strong>{h.contactName}</strong>
                    {h.kind === 'Note' && <span className="note-tag">{t('note.internal')}</span>}
                  </Link>{' '}
                  <time className="muted" dateTime={h.at}>
                    {formatDateTime(locale, h.at)}
                  </time>
                  <p>
                    <Snippet text={h.snippet} />
                  </p>
                </li>
              ))}
            </ul>
          )}
          {more && (
            <button type="button" onClick={() => void run(hits.length)}>
              {t('search.more')}
            </button>
          )}
        </section>
      )}
    </main>
  );
}
