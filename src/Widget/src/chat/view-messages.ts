import { t } from './i18n';
import type { ChatLine } from './transcript';
import type { ElementFactory } from './view-dom';
import { renderFiles } from './view-files';

/**
 * The message log: the greeting and the transcript lines. Lines are keyed elements: new ones are
 * appended (so aria-live announces only them), changed ones are updated in place. Text is only
 * ever set with textContent.
 */
export class MessageList {
  readonly log: HTMLElement;
  private readonly greeting: HTMLElement;
  private readonly elements = new Map<string, HTMLElement>();

  constructor(
    h: ElementFactory,
    retry: (clientMessageId: string) => void,
    private readonly hub = '',
  ) {
    // The live region wraps the list (a role on the <ol> itself would take away its list semantics).
    this.log = h('div', 'oc-log', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': t.messages, tabindex: '0' });
    const list = h('ol', 'oc-list');
    this.greeting = h('li', 'oc-msg', { 'data-testid': 'omnichannel-greeting', 'data-direction': 'operator' });
    this.greeting.hidden = true;
    list.append(this.greeting);
    this.log.append(list);
    this.log.addEventListener('click', (event) => {
      const target = event.target as HTMLElement | null;
      const key = target?.closest('[data-retry]')?.getAttribute('data-retry');
      if (key) retry(key);
    });
  }

  setGreeting(greeting: string): void {
    this.greeting.textContent = greeting;
    this.greeting.hidden = !greeting;
  }

  /** Adds, updates, reorders and removes line elements; follows new ones when the log was at its end. */
  renderLines(lines: ChatLine[]): void {
    const nearEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    const keep = new Set<string>();
    let previous: Element = this.greeting;
    let appended = false;
    // A visitor message followed by an operator's answer has been read; the others reached the hub (delivered).
    let answered = -1;
    lines.forEach((line, i) => line.direction === 'operator' && (answered = i));
    for (const [i, line] of lines.entries()) {
      keep.add(line.key);
      let el = this.elements.get(line.key);
      if (!el) {
        el = this.log.ownerDocument.createElement('li');
        el.className = 'oc-msg';
        el.setAttribute('data-testid', 'omnichannel-message');
        this.elements.set(line.key, el);
        appended = true;
      }
      this.fill(el, line, i < answered);
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

  scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  /**
   * Builds a line once and afterwards touches only what changed, so the live region announces a
   * message once (not again when "Sending…" turns into the time). The time and "Sending…" are
   * hidden from assistive technology; a message that is not sent says so, with its Retry button.
   */
  private fill(el: HTMLElement, line: ChatLine, read: boolean): void {
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
        const avatar = doc.createElement('span');
        avatar.className = 'oc-avatar';
        avatar.setAttribute('aria-hidden', 'true');
        avatar.textContent = initials(line.author);
        author.append(avatar, line.author);
        el.append(author);
      }
      text = doc.createElement('span');
      text.className = 'oc-text';
      el.append(text);
    }
    const files = line.files ?? [];
    // A file sent alone is its card; its "📎 name" text would only repeat it.
    const shown = files.length === 1 && line.text === `📎 ${files[0]!.name}` ? '' : line.text;
    if (text.textContent !== shown) text.textContent = shown;
    text.hidden = !shown;
    const filesKey = files.map((f) => f.url).join(' ');
    const current = el.querySelector<HTMLElement>('.oc-files');
    if ((current?.getAttribute('data-files') ?? '') !== filesKey) {
      const list = renderFiles(doc, this.hub, files);
      list.setAttribute('data-files', filesKey);
      if (current) current.replaceWith(list);
      else text.after(list);
    }

    const meta = el.querySelector<HTMLElement>('.oc-meta') ?? el.appendChild(doc.createElement('span'));
    const receipt = line.direction === 'visitor' && line.state === 'sent' ? (read ? 'read' : 'delivered') : null;
    const progress = line.upload && line.state === 'sending' ? Math.round(line.upload.progress * 100) : null;
    const signature = `${line.state}|${line.createdAt}|${receipt}|${progress}`;
    if (meta.getAttribute('data-signature') === signature) return;
    meta.className = 'oc-meta';
    meta.setAttribute('data-signature', signature);
    meta.replaceChildren();
    if (line.state === 'failed') {
      meta.removeAttribute('aria-hidden');
      meta.textContent = t.notSent;
      const retry = doc.createElement('button');
      retry.type = 'button';
      retry.className = 'oc-retry';
      retry.setAttribute('data-retry', line.key);
      retry.setAttribute('data-testid', 'omnichannel-retry');
      retry.textContent = t.retry;
      meta.append(retry);
    } else {
      meta.setAttribute('aria-hidden', 'true');
      if (progress !== null) {
        meta.removeAttribute('aria-hidden');
        const bar = doc.createElement('progress');
        bar.max = 100;
        bar.value = progress;
        bar.setAttribute('aria-label', t.uploading(progress));
        bar.setAttribute('data-testid', 'omnichannel-upload-progress');
        meta.append(t.uploading(progress), bar);
        return;
      }
      meta.textContent = line.state === 'sending' ? t.sending : receipt ? `${receipt === 'read' ? t.read : t.sent} · ${formatTime(line.createdAt)}` : formatTime(line.createdAt);
      if (receipt) el.setAttribute('data-receipt', receipt);
      else el.removeAttribute('data-receipt');
    }
  }
}

function formatTime(iso: string): string {
  // The hub may serialize UTC times without a zone designator; they are UTC all the same.
  const date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "Olivia Lind" → "OL", "olivia" → "O". */
export function initials(name: string): string {
  return name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]!.toUpperCase()).join('');
}
