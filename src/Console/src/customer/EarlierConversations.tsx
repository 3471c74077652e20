import { useState } from 'react';
import { allMessagesAfter } from '../api/endpoints';
import type { EarlierConversationDto, MessageDto } from '../api/types';
import { Link } from '../app/router';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { formatDateTime, useI18n } from '../i18n/i18n';

/** Every conversation of this contact on every channel; each opens inline (or as the main view with its link). */
export function EarlierConversations({ conversations, currentId }: { conversations: EarlierConversationDto[]; currentId: number }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<Record<number, MessageDto[] | 'loading'>>({});

  const toggle = (id: number) => {
    if (open[id]) {
      const next = { ...open };
      delete next[id];
      setOpen(next);
      return;
    }
    setOpen({ ...open, [id]: 'loading' });
    allMessagesAfter(id, 0).then(
      (messages) => setOpen((o) => ({ ...o, [id]: messages })),
      () => setOpen((o) => ({ ...o, [id]: [] })),
    );
  };

  return (
    <section aria-labelledby="cp-history">
      <h3 id="cp-history">{t('customer.history', { count: conversations.length })}</h3>
      <ul className="earlier" data-testid="customer-history">
        {conversations.map((c) => {
          const shown = open[c.id];
          return (
            <li key={c.id} data-testid="earlier-conversation" data-channel={c.channel}>
              <ChannelBadge channel={c.channel} /> <time dateTime={c.lastMessageAt}>{formatDateTime(locale, c.lastMessageAt)}</time>{' '}
              {c.id === currentId ? (
                <span className="muted">({t('customer.current')})</span>
              ) : (
                <>
                  <button type="button" className="small" aria-expanded={Boolean(shown)} onClick={() => toggle(c.id)} data-testid="earlier-toggle">
                    {shown ? t('customer.hide') : t('customer.show')}
                  </button>{' '}
                  <Link to={`/conversations/${c.id}`}>#{c.id}</Link>
                </>
              )}
              <p className="muted preview">{c.preview}</p>
              {Array.isArray(shown) && (
                <ol className="earlier-messages" data-testid="earlier-messages">
                  {shown.map((m) => (
                    <li key={m.id} className={m.direction === 'Inbound' ? 'inbound' : 'outbound'}>
                      {m.text}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
