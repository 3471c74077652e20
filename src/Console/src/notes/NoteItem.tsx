import type { NoteDto } from '../api/types';
import { formatDateTime, useI18n } from '../i18n/i18n';

/** An internal note in the timeline: visibly not a message (never sent), with its author. Text is rendered as text. */
export function NoteItem({ note }: { note: NoteDto }) {
  const { t, locale } = useI18n();
  return (
    <li className="note" data-testid="console-note" data-note-id={note.id}>
      <div className="bubble">
        <span className="note-tag">{t('note.internal')}</span>
        <p className="message-text">{note.text}</p>
      </div>
      <div className="message-meta">
        <span>{t('note.by', { name: note.operatorName })}</span>
        <time dateTime={note.createdAt}>{formatDateTime(locale, note.createdAt, false)}</time>
      </div>
    </li>
  );
}
