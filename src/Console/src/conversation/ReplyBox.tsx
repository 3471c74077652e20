import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../api/endpoints';
import { errorMessage, NetworkError } from '../api/http';
import type { AttachmentDto, CannedResponseDto, MessageDto, NoteDto } from '../api/types';
import { CannedMenu } from '../canned/CannedMenu';
import { filterCanned, insertCanned, moveSelection, replyKeyAction, slashQuery, type SlashQuery } from '../canned/slash';
import { useI18n } from '../i18n/i18n';
import { newClientMessageId } from '../shared/ids';
import { AttachControl } from './AttachControl';
import { sendReply } from './sendReply';
import { operatorTypingNotifier } from './typing';

export const MAX_REPLY_LENGTH = 4000;

export type ReplyMode = 'reply' | 'note';

interface Props {
  conversationId: number;
  /** The reply is not possible (closed, someone else's, window closed); a note always is. */
  disabled: boolean;
  disabledReason?: string;
  onSent(message: MessageDto): void;
  onNote?(note: NoteDto): void;
  send?: typeof sendReply;
  addNote?: typeof api.addNote;
  loadCanned?: typeof api.canned;
  renderCanned?: typeof api.renderCanned;
  /** Whether replies on this channel can carry files. */
  canAttach?: boolean;
}

/**
 * Enter sends, Shift+Enter adds a line, "/" offers canned responses (arrows, Enter/Tab, Escape), Alt+N switches to an
 * internal note. The same text keeps the same client id until it is sent.
 */
export function ReplyBox({ conversationId, disabled, disabledReason, onSent, onNote, send = sendReply, addNote = api.addNote, loadCanned = api.canned, renderCanned = api.renderCanned, canAttach = false }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<AttachmentDto[]>([]);
  const [mode, setMode] = useState<ReplyMode>('reply');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  const [canned, setCanned] = useState<CannedResponseDto[] | null>(null);
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  const [active, setActive] = useState(0);
  const pending = useRef<{ text: string; id: string } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(operatorTypingNotifier(conversationId));
  const note = mode === 'note';
  const blocked = disabled && !note;

  useEffect(() => {
    setText('');
    setFiles([]);
    setError(null);
    setWarning(null);
    setMode('reply');
    pending.current = null;
    typing.current = operatorTypingNotifier(conversationId);
  }, [conversationId]);

  // The console's "n" shortcut and the ? overlay ask the reply box to switch mode.
  useEffect(() => {
    const toggle = () => {
      setMode((m) => (m === 'note' ? 'reply' : 'note'));
      input.current?.focus();
    };
    window.addEventListener('omnichannel:toggle-note', toggle);
    return () => window.removeEventListener('omnichannel:toggle-note', toggle);
  }, []);

  const matches = slash && canned ? filterCanned(canned, slash.query) : [];
  const menuOpen = slash !== null && !note;

  const onChange = (value: string, caret: number) => {
    setText(value);
    const next = note ? null : slashQuery(value, caret);
    setSlash(next);
    setActive(0);
    if (next && canned === null) loadCanned().then(setCanned, () => setCanned([]));
  };

  const pick = async (choice: CannedResponseDto | undefined) => {
    if (!choice || !slash) return;
    const at = slash;
    setSlash(null);
    try {
      const rendered = await renderCanned(choice.id, conversationId);
      const next = insertCanned(text, at, rendered.text);
      setText(next.text);
      setWarning(rendered.unknown.length > 0 ? t('canned.unknown', { names: rendered.unknown.map((n) => `{{${n}}}`).join(', ') }) : null);
      requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
    } catch (e) {
      setError(errorMessage(e));
    }
    input.current?.focus();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if ((!body && (note || files.length === 0)) || sending || blocked) return;
    setSending(true);
    setError(null);
    try {
      if (note) {
        const added = await addNote(conversationId, body);
        onNote?.(added);
      } else {
        const key = body + '\u0000' + files.map((f) => f.url).join(',');
        if (pending.current?.text !== key) pending.current = { text: key, id: newClientMessageId() };
        const message =
          files.length === 0
            ? await send(conversationId, body, pending.current.id)
            : await send(conversationId, body, pending.current.id, undefined, files.map((f) => f.url));
        pending.current = null;
        setFiles([]);
        typing.current('');
        onSent(message);
      }
      setText('');
      setWarning(null);
    } catch (e) {
      setError(e instanceof NetworkError ? 'Not sent: cannot reach the hub. Press Send to try again.' : errorMessage(e));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    const action = replyKeyAction(
      { key: event.key, shiftKey: event.shiftKey, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: event.nativeEvent.isComposing },
      menuOpen && matches.length > 0,
    );
    if (action === null) {
      if (event.key === 'Escape' && menuOpen) setSlash(null);
      return;
    }
    event.preventDefault();
    if (action === 'send') void submit();
    else if (action === 'toggleNote') setMode(note ? 'reply' : 'note');
    else if (action === 'menuPick') void pick(matches[active]);
    else if (action === 'menuClose') setSlash(null);
    else setActive(moveSelection(active, matches.length, action));
  };

  const over = text.length > MAX_REPLY_LENGTH;
  return (
    <form className={`reply${note ? ' note-mode' : ''}`} onSubmit={submit} aria-label={note ? t('reply.mode.note') : t('reply.mode.reply')}>
      <div className="reply-modes" role="radiogroup" aria-label="Reply or note">
        {(['reply', 'note'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className={mode === m ? 'active' : ''} data-testid={`mode-${m}`} onClick={() => setMode(m)}>
            {t(m === 'reply' ? 'reply.mode.reply' : 'reply.mode.note')}
          </button>
        ))}
        {note && <span className="muted note-hint">{t('reply.noteHint')}</span>}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="reply-error">
          {error}
        </p>
      )}
      {warning && (
        <p className="warning" role="status" data-testid="reply-warning">
          {warning}
        </p>
      )}
      {menuOpen && (
        <CannedMenu items={matches} active={active} query={slash.query} loading={canned === null} onPick={(c) => void pick(c)} />
      )}
      <textarea
        ref={input}
        data-testid="reply-input"
        aria-label={note ? t('reply.mode.note') : t('reply.mode.reply')}
        aria-controls={menuOpen ? 'canned-menu' : undefined}
        aria-activedescendant={menuOpen && matches[active] ? `canned-${matches[active].id}` : undefined}
        aria-autocomplete="list"
        placeholder={blocked ? disabledReason : note ? t('reply.notePlaceholder') : t('reply.placeholder')}
        value={text}
        maxLength={MAX_REPLY_LENGTH}
        rows={3}
        disabled={blocked}
        onChange={(e) => {
          onChange(e.target.value, e.target.selectionStart ?? e.target.value.length);
          if (!note) typing.current(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="reply-actions">
        {canAttach && !note && <AttachControl conversationId={conversationId} disabled={disabled || sending} files={files} onChange={setFiles} />}
        <span className={`counter${over || text.length > MAX_REPLY_LENGTH * 0.9 ? ' near-limit' : ''}`} aria-live="polite">
          {text.length} / {MAX_REPLY_LENGTH}
        </span>
        <button type="submit" className="primary" data-testid="reply-send" disabled={blocked || sending || (!text.trim() && (note || files.length === 0)) || over}>
          {sending ? t('reply.sending') : note ? t('reply.addNote') : t('reply.send')}
        </button>
      </div>
    </form>
  );
}
