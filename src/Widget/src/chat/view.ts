import type { ConnectionStatus } from './controller';
import type { ChatLine } from './transcript';
import { PANEL_CSS } from './styles';

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
 * The chat panel inside the widget's shadow root. User and operator text is only ever set with
 * textContent. Lines are keyed elements: new ones are appended (so aria-live announces only them),
 * changed ones are updated in place.
 */
export class ChatView {
  readonly panel: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly log: HTMLElement;
  private readonly greeting: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly error: HTMLElement;
  private readonly survey: HTMLElement;
  private readonly surveyForm: HTMLElement;
  private readonly thanks: HTMLElement;
  private score = 0;
  private readonly elements = new Map<string, HTMLElement>();

  constructor(
    root: ShadowRoot,
    private readonly launcher: HTMLElement,
    private readonly callbacks: ViewCallbacks,
  ) {
    const doc = root.ownerDocument;
    const h = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, attrs: Record<string, string> = {}) => {
      const el = doc.createElement(tag);
      el.className = className;
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
      return el;
    };

    const style = doc.createElement('style');
    style.textContent = PANEL_CSS;

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

    this.log = h('ol', 'oc-log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': 'Messages', tabindex: '0' });
    this.greeting = h('li', 'oc-msg', { 'data-testid': 'omnichannel-greeting', 'data-direction': 'operator' });
    this.greeting.hidden = true;
    this.log.append(this.greeting);

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
    this.log.addEventListener('click', (event) => {
      const target = event.target as HTMLElement | null;
      const key = target?.closest('[data-retry]')?.getAttribute('data-retry');
      if (key) callbacks.retry(key);
    });

    // How did we do? 1–5 and an optional comment, inline after the operator closed the conversation.
    this.survey = h('section', 'oc-csat', { 'data-testid': 'omnichannel-csat', 'aria-label': 'Rate this conversation' });
    this.survey.hidden = true;
    this.surveyForm = h('form', 'oc-csat-form', { novalidate: '' });
    const question = h('p', 'oc-csat-q');
    question.textContent = 'How did we do?';
    const scores = h('div', 'oc-csat-scores', { role: 'radiogroup', 'aria-label': 'Rating from 1 (poor) to 5 (great)' });
    for (let n = 1; n <= 5; n++) {
      const b = h('button', 'oc-csat-score', { type: 'button', role: 'radio', 'aria-checked': 'false', 'data-score': String(n), 'data-testid': 'omnichannel-csat-score', 'aria-label': `${n} of 5` });
      b.textContent = String(n);
      b.addEventListener('click', () => {
        this.score = n;
        for (const other of scores.children) other.setAttribute('aria-checked', String(other === b));
      });
      scores.append(b);
    }
    const comment = h('textarea', 'oc-input oc-csat-comment', { rows: '2', placeholder: 'Anything to add? (optional)', 'aria-label': 'Comment', 'data-testid': 'omnichannel-csat-comment' }) as HTMLTextAreaElement;
    const rate = h('button', 'oc-send', { type: 'submit', 'data-testid': 'omnichannel-csat-send' });
    rate.textContent = 'Send rating';
    const surveyError = h('p', 'oc-error', { role: 'alert' });
    surveyError.hidden = true;
    this.surveyForm.append(question, scores, comment, surveyError, rate);
    this.surveyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.score) {
        surveyError.textContent = 'Choose a rating from 1 to 5.';
        surveyError.hidden = false;
        return;
      }
      void callbacks.rate(this.score, comment.value).then((reason) => {
        surveyError.textContent = reason ?? '';
        surveyError.hidden = !reason;
      });
    });
    this.thanks = h('p', 'oc-csat-q', { 'data-testid': 'omnichannel-csat-thanks', role: 'status' });
    this.thanks.textContent = 'Thank you for your rating!';
    this.survey.append(this.surveyForm, this.thanks);

    this.panel.append(head, this.log, this.notice, this.survey, form);
    root.append(style, this.panel);
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
    this.greeting.textContent = state.greeting;
    this.greeting.hidden = !state.greeting;
    this.notice.textContent = state.closed ? 'This chat has ended. Write below to start a new one.' : '';
    this.notice.hidden = !state.closed;
    this.survey.hidden = !state.survey;
    this.surveyForm.hidden = !!state.survey?.rated;
    this.thanks.hidden = !state.survey?.rated;

    const nearEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    const keep = new Set<string>();
    let previous: Element = this.greeting;
    let appended = false;
    for (const line of state.lines) {
      keep.add(line.key);
      let el = this.elements.get(line.key);
      if (!el) {
        el = this.log.ownerDocument.createElement('li');
        el.className = 'oc-msg';
        el.setAttribute('data-testid', 'omnichannel-message');
        this.elements.set(line.key, el);
        appended = true;
      }
      this.fill(el, line);
      if (previous.nextElementSibling !== el) previous.after(el);
      previous = el;
    }
    for (const [key, el] of this.elements)
      if (!keep.has(key)) {
        el.remove();
        this.elements.delete(key);
      }
    if (appended && nearEnd) this.scrollToEnd();
  }

  /**
   * Builds a line once and afterwards touches only what changed, so the live region announces a
   * message once (not again when "Sending…" turns into the time). The time and "Sending…" are
   * hidden from assistive technology; a message that is not sent says so, with its Retry button.
   */
  private fill(el: HTMLElement, line: ChatLine): void {
    const doc = el.ownerDocument;
    el.setAttribute('data-direction', line.direction);
    el.setAttribute('data-state', line.state);
    if (line.id !== null) el.setAttribute('data-message-id', String(line.id));
    else el.removeAttribute('data-message-id');
    if (line.clientMessageId) el.setAttribute('data-client-message-id', line.clientMessageId);

    let text = el.querySelector<HTMLElement>('.oc-text');
    if (!text) {
      if (line.direction === 'operator' && line.author) {
        const author = doc.createElement('span');
        author.className = 'oc-author';
        author.textContent = line.author;
        el.append(author);
      }
      text = doc.createElement('span');
      text.className = 'oc-text';
      el.append(text);
    }
    if (text.textContent !== line.text) text.textContent = line.text;

    const meta = el.querySelector<HTMLElement>('.oc-meta') ?? el.appendChild(doc.createElement('span'));
    const signature = `${line.state}|${line.createdAt}`;
    if (meta.getAttribute('data-signature') === signature) return;
    meta.className = 'oc-meta';
    meta.setAttribute('data-signature', signature);
    meta.replaceChildren();
    if (line.state === 'failed') {
      meta.removeAttribute('aria-hidden');
      meta.textContent = 'Not sent yet, retrying.';
      const retry = doc.createElement('button');
      retry.type = 'button';
      retry.className = 'oc-retry';
      retry.setAttribute('data-retry', line.key);
      retry.setAttribute('data-testid', 'omnichannel-retry');
      retry.textContent = 'Retry';
      meta.append(retry);
    } else {
      meta.setAttribute('aria-hidden', 'true');
      meta.textContent = line.state === 'sending' ? 'Sending…' : formatTime(line.createdAt);
    }
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
    this.log.scrollTop = this.log.scrollHeight;
  }
}

function formatTime(iso: string): string {
  // The hub may serialize UTC times without a zone designator; they are UTC all the same.
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
