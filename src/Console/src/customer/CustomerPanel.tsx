import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ContactProfileDto } from '../api/types';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { formatDateTime, formatMoney, useI18n } from '../i18n/i18n';
import { ContactEditor } from './ContactEditor';
import { EarlierConversations } from './EarlierConversations';

/** Beside the conversation: who the customer is on every channel, what they do on the site, and their history. */
export function CustomerPanel({ conversationId, generation }: { conversationId: number; generation: number }) {
  const { t, locale } = useI18n();
  const [profile, setProfile] = useState<ContactProfileDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.customer(conversationId).then(
      (p) => live && setProfile(p),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [conversationId, generation]);

  if (!profile)
    return (
      <aside className="customer-panel" aria-label={t('customer.title')}>
        {error ? <p className="muted">{error}</p> : null}
      </aside>
    );
  const web = profile.web[0];
  return (
    <aside className="customer-panel" aria-label={t('customer.title')} data-testid="customer-panel">
      <ContactEditor profile={profile} onSaved={setProfile} />
      {profile.greeting && (
        <p className="greeting-context" data-testid="customer-greeting">
          {t('customer.greeting', { rule: profile.greeting.ruleName })}: <q>{profile.greeting.text}</q>
        </p>
      )}
      <section aria-labelledby="cp-identities">
        <h3 id="cp-identities">{t('customer.identities')}</h3>
        <ul className="identities" data-testid="customer-identities">
          {profile.identities.map((i) => (
            <li key={i.id}>
              <ChannelBadge channel={i.channel} /> <span className="handle">{i.handle}</span>{' '}
              <span className={`muted ${i.verified ? 'verified' : ''}`}>{i.verified ? t('customer.verified') : t('customer.unverified')}</span>
            </li>
          ))}
        </ul>
      </section>
      {web && (
        <section aria-labelledby="cp-web" data-testid="customer-web">
          <h3 id="cp-web">
            {t('customer.web')} {web.online && <span className="badge online">{t('customer.online')}</span>}
          </h3>
          <dl className="facts">
            <dt>{t('customer.currentPage')}</dt>
            <dd data-testid="customer-current-page">{web.currentPath ?? '—'}</dd>
            <dt>{t('customer.cart')}</dt>
            <dd data-testid="customer-cart">{web.cartValue === null ? '—' : formatMoney(locale, web.cartValue)}</dd>
            <dt>{t('customer.visits')}</dt>
            <dd>{web.visits}</dd>
            <dt>{t('customer.device')}</dt>
            <dd>{[web.browser, web.device].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>{t('customer.language')}</dt>
            <dd>{web.language ?? '—'}</dd>
          </dl>
          <h4>{t('customer.trail')}</h4>
          <ol className="page-trail" data-testid="customer-trail">
            {web.pageTrail.map((p, i) => (
              <li key={`${p.at}-${i}`}>
                <span className="path">{p.path}</span> <time className="muted" dateTime={p.at}>{formatDateTime(locale, p.at, false)}</time>
              </li>
            ))}
          </ol>
        </section>
      )}
      {profile.csat.length > 0 && (
        <section aria-labelledby="cp-csat">
          <h3 id="cp-csat">{t('customer.csat')}</h3>
          <ul className="csat-given">
            {profile.csat.map((c) => (
              <li key={c.conversationId}>
                {'★'.repeat(c.score)}
                <span className="visually-hidden">{c.score} / 5</span> {c.comment && <q>{c.comment}</q>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <EarlierConversations conversations={profile.conversations} currentId={conversationId} />
    </aside>
  );
}
