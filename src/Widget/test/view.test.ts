import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatLine } from '../src/chat/transcript';
import { ChatView, type ViewCallbacks, type ViewState } from '../src/chat/view';

function setup(send: ViewCallbacks['send'] = () => null) {
  document.body.replaceChildren();
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const launcher = document.createElement('button');
  root.append(launcher);
  const callbacks = { send: vi.fn(send), retry: vi.fn(), close: vi.fn(), rate: vi.fn(async (_score: number, _comment: string) => null as string | null) };
  const view = new ChatView(root, launcher, callbacks);
  const $ = (id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
  return { root, launcher, view, callbacks, $ };
}

const line = (over: Partial<ChatLine>): ChatLine => ({
  key: 'k',
  id: 1,
  conversationId: 1,
  clientMessageId: null,
  direction: 'operator',
  text: 'hello',
  createdAt: '2026-01-01T10:00:00Z',
  author: null,
  state: 'sent',
  ...over,
});

const state = (lines: ChatLine[], over: Partial<ViewState> = {}): ViewState => ({
  survey: null,
  title: 'Chat with us',
  greeting: 'Hi!',
  status: 'connected',
  closed: false,
  lines,
  ...over,
});

const enter = (el: HTMLElement, shiftKey = false) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey, bubbles: true, cancelable: true }));

describe('ChatView', () => {
  beforeEach(() => document.body.replaceChildren());

  it('has the test ids, labels and live region', () => {
    const { $, root } = setup();
    expect($('omnichannel-panel').hidden).toBe(true);
    const input = $('omnichannel-input') as HTMLTextAreaElement;
    expect(root.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Your message');
    expect($('omnichannel-send').textContent).toBe('Send');
    expect($('omnichannel-error').hidden).toBe(true);
    const log = root.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-live')).toBe('polite');
  });

  it('opens, focuses the input and closes back to the launcher', () => {
    const { view, $, launcher, root } = setup();
    view.open();
    expect($('omnichannel-panel').hidden).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe($('omnichannel-input'));
    view.close();
    expect($('omnichannel-panel').hidden).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
  });

  it('renders user data as text only', () => {
    const { view, root } = setup();
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    view.render(state([line({ text: evil, author: '<i>Ana</i>' })], { title: '<script>x</script>' }));
    const msg = root.querySelector('[data-testid="omnichannel-message"]')!;
    expect(msg.querySelector('img, b, i')).toBeNull();
    expect(msg.textContent).toContain(evil);
    expect(msg.textContent).toContain('<i>Ana</i>');
    expect(root.querySelector('script')).toBeNull();
  });

  it('shows the greeting as a local line that is not a message', () => {
    const { view, $, root } = setup();
    view.render(state([]));
    expect($('omnichannel-greeting').textContent).toBe('Hi!');
    expect(root.querySelectorAll('[data-testid="omnichannel-message"]')).toHaveLength(0);
  });

  it('keeps message elements by key and appends in order', () => {
    const { view, root } = setup();
    view.render(state([line({ key: 'c1', id: null, clientMessageId: 'c1', direction: 'visitor', text: 'mine', state: 'sending' })]));
    const first = root.querySelector('[data-testid="omnichannel-message"]')!;
    expect(first.getAttribute('data-direction')).toBe('visitor');
    expect(first.getAttribute('data-state')).toBe('sending');
    expect(first.textContent).toContain('Sending…');
    view.render(
      state([
        line({ key: 'c1', id: 5, clientMessageId: 'c1', direction: 'visitor', text: 'mine' }),
        line({ key: 'm6', id: 6, text: 'answer', author: 'Ana' }),
      ]),
    );
    const all = root.querySelectorAll('[data-testid="omnichannel-message"]');
    expect(all).toHaveLength(2);
    expect(all[0]).toBe(first);
    expect(first.getAttribute('data-state')).toBe('sent');
    expect(all[1]!.getAttribute('data-direction')).toBe('operator');
    expect(all[1]!.textContent).toContain('Ana');
  });

  it('offers Retry on a message that is not sent', () => {
    const { view, root, callbacks } = setup();
    view.render(state([line({ key: 'c9', id: null, clientMessageId: 'c9', direction: 'visitor', state: 'failed' })]));
    root.querySelector<HTMLButtonElement>('[data-testid="omnichannel-retry"]')!.click();
    expect(callbacks.retry).toHaveBeenCalledWith('c9');
  });

  it('sends on Enter and clears the input; Shift+Enter does not send', () => {
    const { $, callbacks } = setup();
    const input = $('omnichannel-input') as HTMLTextAreaElement;
    input.value = 'line one';
    enter(input, true);
    expect(callbacks.send).not.toHaveBeenCalled();
    enter(input);
    expect(callbacks.send).toHaveBeenCalledWith('line one');
    expect(input.value).toBe('');
  });

  it('sends with the button', () => {
    const { $, callbacks } = setup();
    ($('omnichannel-input') as HTMLTextAreaElement).value = 'clicked';
    $('omnichannel-send').click();
    expect(callbacks.send).toHaveBeenCalledWith('clicked');
  });

  it('shows a refusal next to the input and keeps the text', () => {
    const { $ } = setup(() => 'The message is longer than 4000 characters.');
    const input = $('omnichannel-input') as HTMLTextAreaElement;
    input.value = 'too long';
    $('omnichannel-send').click();
    expect($('omnichannel-error').hidden).toBe(false);
    expect($('omnichannel-error').textContent).toBe('The message is longer than 4000 characters.');
    expect(input.value).toBe('too long');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  it('puts refused text back only into an empty input', () => {
    const { view, $ } = setup();
    const input = $('omnichannel-input') as HTMLTextAreaElement;
    view.restoreText('refused');
    expect(input.value).toBe('refused');
    input.value = 'new text';
    view.restoreText('refused again');
    expect(input.value).toBe('new text');
  });

  it('tells when the conversation has ended and shows the connection status', () => {
    const { view, $ } = setup();
    view.render(state([], { closed: true, status: 'offline' }));
    expect($('omnichannel-notice').hidden).toBe(false);
    expect($('omnichannel-status').textContent).toBe('Offline, retrying…');
  });

  it('closes on Escape and with the close button', () => {
    const { $, callbacks } = setup();
    $('omnichannel-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    $('omnichannel-close').click();
    expect(callbacks.close).toHaveBeenCalledTimes(2);
  });

  it('shows an unread count on the launcher', () => {
    const { view, launcher } = setup();
    view.setUnread(2);
    expect(launcher.getAttribute('data-unread')).toBe('2');
    view.open();
    expect(launcher.hasAttribute('data-unread')).toBe(false);
  });
});

describe('ChatView live region', () => {
  it('does not re-add a message node when its state changes (no second announcement)', () => {
    const { view, root } = setup();
    view.render(state([line({ key: 'c1', id: null, clientMessageId: 'c1', direction: 'visitor', text: 'hi', state: 'sending' })]));
    const text = root.querySelector('[data-testid="omnichannel-message"] .oc-text')!;
    view.render(state([line({ key: 'c1', id: 4, clientMessageId: 'c1', direction: 'visitor', text: 'hi', state: 'sent' })]));
    expect(root.querySelector('[data-testid="omnichannel-message"] .oc-text')).toBe(text);
    expect(root.querySelector('.oc-meta')!.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('satisfaction survey', () => {
  it('after the operator closed the chat asks 1–5 with an optional comment, then thanks', async () => {
    const { view, callbacks, $, root } = setup();
    view.render(state([], { closed: true, survey: { rated: false } }));
    expect($('omnichannel-csat').hidden).toBe(false);
    expect($('omnichannel-csat-thanks').hidden).toBe(true);
    const send = $('omnichannel-csat-send');
    send.click();
    expect(callbacks.rate).not.toHaveBeenCalled(); // a score is required
    root.querySelector<HTMLElement>('[data-testid="omnichannel-csat-score"][data-score="4"]')!.click();
    ($('omnichannel-csat-comment') as HTMLTextAreaElement).value = 'Quick and kind';
    send.click();
    expect(callbacks.rate).toHaveBeenCalledWith(4, 'Quick and kind');
    view.render(state([], { closed: true, survey: { rated: true } }));
    expect($('omnichannel-csat-thanks').hidden).toBe(false);
    view.render(state([], { closed: false, survey: null }));
    expect($('omnichannel-csat').hidden).toBe(true);
  });
});
