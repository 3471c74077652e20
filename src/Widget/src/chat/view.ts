import type { ConnectionStatus } from './controller';
import type { ChatLine } from './transcript';
import { PANEL_CSS } from './styles';
import { adoptCss } from '../shared/css';
import { elementFactory } from './view-dom';
import { MessageList } from './view-messages';
import { SurveyView } from './view-survey';

export interface ViewCallbacks {
  /** Returns a reason to show next to the input when the text cannot be sent. */
  send(text: string): string | null;
  retry(clientMessageId: string): void;
  close(): void;
  /** The survey answer; resolves to a reason to show when it could not be stored. */
  rate(score: number, comment: string): Promise<string | null>;
}

export interface ViewState {
  title: string;
  greeting: string;
  status: ConnectionStatus;
  closed: boolean;
  lines: ChatLine[];
  /** The satisfaction survey after the operator closed the chat (null: none). */
  survey: { rated: boolean } | null;
}

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: '',
  reconnecting: 'Reconnecting…',
  offline: 'Offline, retrying…',
};

/**
 * The chat panel inside the widget's shadow root: the shell (header with title and status, the
 * input form, the ended-chat notice and error), composing the message log ({@link MessageList})
 * and the satisfaction survey ({@link SurveyView}). User and operator text is only ever set with
 * textContent.
 */
export class ChatView {
  readonly panel: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly messages: MessageList;
  private readonly notice: HTMLElement;
  private readonly error: HTMLElement;
  private readonly survey: SurveyView;

  constructor(
    root: ShadowRoot,
    private readonly launcher: HTMLElement,
    private readonly callbacks: ViewCallbacks,
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
    const close = h('button', 'oc-close', { type: 'button', 'aria-label': 'Close chat', 'data-testid': 'omnichannel-close' });
    close.textContent = '×';
    close.addEventListener('click', () => callbacks.close());
    head.append(this.title, this.status, close);

    this.messages = new MessageList(h, (key) => callbacks.retry(key));

    this.notice = h('p', 'oc-notice', { 'data-testid': 'omnichannel-notice', role: 'status' });
    this.notice.hidden = true;

    const form = h('form', 'oc-form', { novalidate: '' });
    const label = h('label', 'oc-sr', { for: 'oc-input' });
    label.textContent = 'Your message';
    this.error = h('p', 'oc-error', { id: 'oc-error', 'data-testid': 'omnichannel-error', role: 'alert' });
    this.error.hidden = true;
    const row = h('div', 'oc-row');
    this.input = h('textarea', 'oc-input', {
      id: 'oc-input',
      'data-testid': 'omnichannel-input',
      rows: '1',
      placeholder: 'Write a message…',
      'aria-describedby': 'oc-error',
      enterkeyhint: 'send',
    });
    const send = h('button', 'oc-send', { type: 'submit', 'data-testid': 'omnichannel-send' });
    send.textContent = 'Send';
    row.append(this.input, send);
    form.append(label, this.error, row);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      if (!this.error.hidden && this.input.value.trim()) this.showError(null);
    });
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') callbacks.close();
    });

    this.survey = new SurveyView(h, callbacks);

    this.panel.append(head, this.messages.log, this.notice, this.survey.section, form);
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
    this.input.focus();
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
    this.launcher.setAttribute('aria-label', count > 0 ? `Open chat, ${count} new ${count === 1 ? 'message' : 'messages'}` : 'Open chat');
  }

  /** Shows (or with null, clears) a message next to the input. */
  showError(reason: string | null): void {
    this.error.textContent = reason ?? '';
    this.error.hidden = reason === null;
    if (reason === null) this.input.removeAttribute('aria-invalid');
    else this.input.setAttribute('aria-invalid', 'true');
  }

  /** Puts refused text back so the visitor can fix it (unless they already typed something else). */
  restoreText(text: string): void {
    if (!this.input.value.trim()) {
      this.input.value = text;
      this.autosize();
    }
  }

  render(state: ViewState): void {
    this.title.textContent = state.title;
    this.status.textContent = STATUS_TEXT[state.status];
    this.panel.setAttribute('data-status', state.status);
    this.messages.setGreeting(state.greeting);
    this.notice.textContent = state.closed ? 'This chat has ended. Write below to start a new one.' : '';
    this.notice.hidden = !state.closed;
    this.survey.render(state.survey);
    this.messages.renderLines(state.lines);
  }

  private submit(): void {
    const reason = this.callbacks.send(this.input.value);
    if (reason) {
      this.showError(reason);
      return;
    }
    this.showError(null);
    this.input.value = '';
    this.autosize();
    this.scrollToEnd();
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    if (this.input.scrollHeight) this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }

  private scrollToEnd(): void {
    this.messages.scrollToEnd();
  }
}
