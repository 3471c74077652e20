import type { ConnectionStatus } from './controller';
import type { ChatLine } from './transcript';
import { PANEL_CSS } from './styles';
import { adoptCss } from '../shared/css';
import { elementFactory } from './view-dom';
import { MessageList } from './view-messages';
import { SurveyView } from './view-survey';
import { InputView } from './view-input';
import { attachControls } from './view-attach';
import { t } from './i18n';

export interface ViewCallbacks {
  /** Returns a reason to show next to the input when the text cannot be sent. */
  send(text: string): string | null;
  retry(clientMessageId: string): void;
  close(): void;
  /** The survey answer; resolves to a reason to show when it could not be stored. */
  rate(score: number, comment: string): Promise<string | null>;
  /** The visitor typed (the current text; empty when cleared or sent). */
  typing?(text: string): void;
  /** A file the visitor picked, dropped or pasted; returns a reason to show when it cannot be sent. Absent: no attach button. */
  sendFile?(file: File): string | null;
  /** Content types the file picker offers. */
  fileTypes?(): readonly string[];
}

export interface ViewState {
  title: string;
  greeting: string;
  status: ConnectionStatus;
  closed: boolean;
  lines: ChatLine[];
  /** "Olivia is typing…" (null: nobody). */
  typing?: string | null;
  /** Where the visitor stands while waiting for the first answer (null: not waiting). */
  waiting?: string | null;
  /** The satisfaction survey after the operator closed the chat (null: none). */
  survey: { rated: boolean } | null;
}

const STATUS_TEXT = (status: ConnectionStatus): string =>
  status === 'connected' ? '' : status === 'connecting' ? t.connecting : status === 'reconnecting' ? t.reconnecting : t.offline;

/**
 * The chat panel inside the widget's shadow root: the shell (header with title and status, the
 * input form, the ended-chat notice and error), composing the message log ({@link MessageList})
 * and the satisfaction survey ({@link SurveyView}). User and operator text is only ever set with
 * textContent.
 */
export class ChatView {
  readonly panel: HTMLElement;
  readonly composer: InputView;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly messages: MessageList;
  private readonly notice: HTMLElement;
  private readonly typing: HTMLElement;
  private readonly wait: HTMLElement;
  private readonly survey: SurveyView;

  constructor(
    root: ShadowRoot,
    private readonly launcher: HTMLElement,
    private readonly callbacks: ViewCallbacks,
    hub = '',
  ) {
    const doc = root.ownerDocument;
    const h = elementFactory(doc);

    this.panel = h('section', 'oc-panel', {
      'data-testid': 'omnichannel-panel',
      role: 'dialog',
      'aria-modal': 'false',
      'aria-labelledby': 'oc-title',
    });
    this.panel.hidden = true;

    const head = h('header', 'oc-head');
    this.title = h('h2', 'oc-title', { id: 'oc-title' });
    this.status = h('span', 'oc-status', { role: 'status', 'data-testid': 'omnichannel-status' });
    const close = h('button', 'oc-close', { type: 'button', 'aria-label': t.closeChat, 'data-testid': 'omnichannel-close' });
    close.textContent = '×';
    close.addEventListener('click', () => callbacks.close());
    head.append(this.title, this.status, close);

    this.messages = new MessageList(h, (key) => callbacks.retry(key), hub);

    this.notice = h('p', 'oc-notice', { 'data-testid': 'omnichannel-notice', role: 'status' });
    this.notice.hidden = true;

    this.typing = h('p', 'oc-typing', { 'data-testid': 'omnichannel-typing', 'aria-live': 'polite' });
    this.typing.hidden = true;
    this.wait = h('p', 'oc-wait', { 'data-testid': 'omnichannel-wait', role: 'status' });
    this.wait.hidden = true;
    this.composer = new InputView(h, callbacks);
    this.composer.form.addEventListener('oc-sent', () => this.scrollToEnd());

    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') callbacks.close();
    });

    this.survey = new SurveyView(h, callbacks);

    const sendFile = callbacks.sendFile;
    if (sendFile)
      attachControls(h, this.panel, this.composer.input, this.composer.tools, () => callbacks.fileTypes?.() ?? [], (file) => sendFile(file), (reason) => this.composer.showError(reason));

    this.panel.append(head, this.messages.log, this.wait, this.typing, this.notice, this.survey.section, this.composer.form);
    adoptCss(root, PANEL_CSS);
    root.append(this.panel);
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  open(): void {
    this.panel.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.setUnread(0);
    this.scrollToEnd();
    this.composer.focus();
  }

  close(): void {
    const root = this.panel.getRootNode() as ShadowRoot | Document;
    const hadFocus = this.panel.contains(root.activeElement);
    this.panel.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'false');
    if (hadFocus) this.launcher.focus();
  }

  setUnread(count: number): void {
    if (count > 0) this.launcher.setAttribute('data-unread', String(count));
    else this.launcher.removeAttribute('data-unread');
    this.launcher.setAttribute('aria-label', count > 0 ? t.unread(count) : t.openChat);
  }

  /** Shows (or with null, clears) a message next to the input. */
  showError(reason: string | null): void {
    this.composer.showError(reason);
  }

  /** Puts refused text back so the visitor can fix it (unless they already typed something else). */
  restoreText(text: string): void {
    this.composer.restoreText(text);
  }

  render(state: ViewState): void {
    this.title.textContent = state.title;
    this.status.textContent = STATUS_TEXT(state.status);
    this.panel.setAttribute('data-status', state.status);
    this.messages.setGreeting(state.greeting);
    this.notice.textContent = state.closed ? t.ended : '';
    this.typing.textContent = state.typing ?? '';
    this.typing.hidden = !state.typing;
    if (this.wait.textContent !== (state.waiting ?? '')) this.wait.textContent = state.waiting ?? '';
    this.wait.hidden = !state.waiting;
    this.notice.hidden = !state.closed;
    this.survey.render(state.survey);
    this.messages.renderLines(state.lines);
  }

  private scrollToEnd(): void {
    this.messages.scrollToEnd();
  }
}
