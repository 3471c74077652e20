import { t } from './i18n';
import type { ElementFactory } from './view-dom';

export interface InputCallbacks {
  /** Returns a reason to show next to the input when the text cannot be sent. */
  send(text: string): string | null;
  /** The visitor typed (or cleared the box): the current text. */
  typing?(text: string): void;
}

/**
 * The message box: the text area, the send button and the error line. Further controls (an attachment
 * button, emoji) go into {@link tools}, next to the send button, without touching the rest of the panel.
 */
export class InputView {
  readonly form: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  /** Extra controls before the send button. */
  readonly tools: HTMLElement;
  private readonly error: HTMLElement;

  constructor(h: ElementFactory, private readonly callbacks: InputCallbacks) {
    this.form = h('form', 'oc-form', { novalidate: '' });
    const label = h('label', 'oc-sr', { for: 'oc-input' });
    label.textContent = t.yourMessage;
    this.error = h('p', 'oc-error', { id: 'oc-error', 'data-testid': 'omnichannel-error', role: 'alert' });
    this.error.hidden = true;
    const row = h('div', 'oc-row');
    this.input = h('textarea', 'oc-input', {
      id: 'oc-input',
      'data-testid': 'omnichannel-input',
      rows: '1',
      placeholder: t.placeholder,
      'aria-describedby': 'oc-error',
      enterkeyhint: 'send',
    });
    this.tools = h('div', 'oc-tools');
    const send = h('button', 'oc-send', { type: 'submit', 'data-testid': 'omnichannel-send' });
    send.textContent = t.send;
    row.append(this.input, this.tools, send);
    this.form.append(label, this.error, row);

    this.form.addEventListener('submit', (event) => {
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
      callbacks.typing?.(this.input.value);
    });
  }

  focus(): void {
    this.input.focus();
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

  /** Returns true when the text was accepted (the box is cleared). */
  private submit(): boolean {
    const reason = this.callbacks.send(this.input.value);
    if (reason) {
      this.showError(reason);
      return false;
    }
    this.showError(null);
    this.input.value = '';
    this.autosize();
    this.callbacks.typing?.('');
    this.form.dispatchEvent(new Event('oc-sent'));
    return true;
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    if (this.input.scrollHeight) this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
  }
}
