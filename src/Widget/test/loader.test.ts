import { describe, expect, it, vi } from 'vitest';
import { boot, type WidgetState } from '../src/loader/boot';
import { mayTrack } from '../src/loader/rules';
import type { Mount } from '../src/shared/mount';
import { AVAILABLE, fakeHub, flush, freshWindow, shadow } from './loader-fakes';

describe('opt-out', () => {
  it('sends nothing after opting out, with DNT or GPC when the owner honours them, or when signals are off', () => {
    expect(mayTrack(true, false, true, {})).toBe(true);
    expect(mayTrack(true, true, false, {})).toBe(false);
    expect(mayTrack(true, false, true, { doNotTrack: '1' })).toBe(false);
    expect(mayTrack(true, false, true, { globalPrivacyControl: true })).toBe(false);
    expect(mayTrack(true, false, false, { doNotTrack: '1', globalPrivacyControl: true })).toBe(true);
    expect(mayTrack(false, false, false, {})).toBe(false);
  });

  it('an opted-out visitor sends no signals at all', async () => {
    const hub = fakeHub({ signals: true, respectDnt: false });
    const win = freshWindow(hub);
    localStorage.setItem('omnichannel.optout', '1');
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    win.Omnichannel!.track!('cart', { value: 10 });
    await flush();
    expect(shadow()).not.toBeNull();
    expect(hub.calls.filter((c) => c.url.includes('/signals'))).toHaveLength(0);
  });

  it('sends the page view and tracked values in one batch, and shows a greeting the hub decided', async () => {
    const hub = fakeHub({ signals: true, respectDnt: false });
    hub.answer({ token: 'minted', greet: { rule: 3, text: 'Need help with your order?' } });
    const win = freshWindow(hub);
    win.Omnichannel = { q: [['track', 'cart', { value: 129.95 }]] };
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    const sent = hub.calls.filter((c) => c.url.includes('/signals'));
    expect(sent).toHaveLength(1);
    const body = JSON.parse(sent[0]!.body!);
    expect(body.events).toEqual([['v', '/'], ['k', 'cart', { value: 129.95 }]]);
    expect(localStorage.getItem('omnichannel.visitor')).toBe('minted');
    const bubble = shadow()!.querySelector('[data-testid="omnichannel-proactive"]') as HTMLElement;
    expect(bubble.hidden).toBe(false);
    expect(bubble.textContent).toContain('Need help with your order?');
  });
});

describe('boot', () => {
  it('puts a launcher into an open shadow root isolated with all: initial', async () => {
    const win = freshWindow();
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    const host = document.getElementById('omnichannel-widget')!;
    expect(host.style.cssText).toContain('all: initial');
    expect(host.shadowRoot).not.toBeNull();
    const launcher = host.shadowRoot!.querySelector('[data-testid="omnichannel-launcher"]')!;
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(host.shadowRoot!.querySelector('[data-testid="omnichannel-state"]')!.getAttribute('data-state')).toBe('available');
    expect(document.querySelector('[data-testid="omnichannel-launcher"]')).toBeNull(); // not in the light DOM
  });

  it('on an excluded page puts nothing on the page and never imports the chat', async () => {
    const win = freshWindow(fakeHub({ rules: [{ p: '/', x: true }] }));
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 9, closed: false, open: true }));
    const importer = vi.fn();
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    expect(document.getElementById('omnichannel-widget')).toBeNull();
    expect(importer).not.toHaveBeenCalled();
  });

  it('closed: shows the hours and the asynchronous channels, no input, and the launcher does not load the chat', async () => {
    const closed: WidgetState = {
      state: 'Closed',
      message: 'Live chat is closed right now.',
      openingHours: ['Mon 09:00–17:00', 'Tue 09:00–17:00'],
      opens: 'Opens Mon 09:00 CET',
      alternatives: [{ label: 'WhatsApp', url: 'https://wa.me/1555', promise: 'answer within 5 min' }],
    };
    const win = freshWindow(fakeHub({ state: closed }));
    const importer = vi.fn();
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    const root = shadow()!;
    const card = root.querySelector('[data-testid="omnichannel-state"]') as HTMLElement;
    expect(card.getAttribute('data-state')).toBe('closed');
    expect(card.hidden).toBe(false);
    expect(root.querySelectorAll('[data-testid="omnichannel-hours"] li')).toHaveLength(3);
    expect(root.querySelector('[data-testid="omnichannel-hours"]')!.textContent).toContain('Opens Mon 09:00 CET');
    const alt = root.querySelector('[data-testid="omnichannel-alternative"]') as HTMLAnchorElement;
    expect(alt.href).toBe('https://wa.me/1555');
    expect(alt.textContent).toBe('WhatsApp — answer within 5 min');
    expect(root.querySelectorAll('input, textarea, form')).toHaveLength(0);
    (root.querySelector('[data-testid="omnichannel-launcher"]') as HTMLElement).click();
    await flush();
    expect(importer).not.toHaveBeenCalled();
    expect(card.hidden).toBe(true);
  });

  it("asks the hub in the page's language, unless the embed snippet names one", async () => {
    const hub = fakeHub();
    const win = freshWindow(hub);
    document.documentElement.lang = 'nl-NL';
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    expect(hub.calls[0]!.url).toContain('/api/widget/bootstrap?lang=nl-NL&');

    const other = fakeHub();
    const again = freshWindow(other);
    boot(again, 'https://hub.example.com/widget.js', vi.fn(), 'de');
    await flush();
    expect(other.calls[0]!.url).toContain('/api/widget/bootstrap?lang=de&');
    document.documentElement.lang = '';
  });

  it('a dismissed notice stays dismissed for the session (after a reload too), and the launcher brings it back', async () => {
    const busy: WidgetState = { state: 'Busy', message: 'Nobody is online to chat right now.', openingHours: [], alternatives: [] };
    const win = freshWindow(fakeHub({ state: busy }));
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    (shadow()!.querySelector('[data-testid="omnichannel-launcher"]') as HTMLElement).click();
    expect((shadow()!.querySelector('[data-testid="omnichannel-state"]') as HTMLElement).hidden).toBe(true);

    // The next page of the same visit.
    document.body.replaceChildren();
    delete win.__omnichannelBooted;
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    const card = shadow()!.querySelector('[data-testid="omnichannel-state"]') as HTMLElement;
    expect(card.hidden).toBe(true);
    (shadow()!.querySelector('[data-testid="omnichannel-launcher"]') as HTMLElement).click();
    expect(card.hidden).toBe(false);
    expect(sessionStorage.getItem('omnichannel.dismissed')).toBeNull();
  });

  it('busy: a visitor whose conversation has ended sees the notice, not the chat', async () => {
    const busy: WidgetState = { state: 'Busy', message: 'All our people are busy.', openingHours: [], alternatives: [] };
    const win = freshWindow(fakeHub({ state: busy }));
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 9, closed: true, open: false }));
    const importer = vi.fn();
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    const launcher = shadow()!.querySelector('[data-testid="omnichannel-launcher"]') as HTMLElement;
    expect(launcher.getAttribute('aria-label')).toBe('All our people are busy.');
    expect((shadow()!.querySelector('[data-testid="omnichannel-state"]') as HTMLElement).hidden).toBe(false);
    launcher.click();
    await flush();
    expect(importer).not.toHaveBeenCalled();
  });

  it('busy: a visitor with an open conversation keeps chatting', async () => {
    const busy: WidgetState = { state: 'Busy', message: 'All our people are busy.', openingHours: [], alternatives: [] };
    const win = freshWindow(fakeHub({ state: busy }));
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 9, closed: false, open: false }));
    const open = vi.fn();
    boot(win, 'https://hub.example.com/widget.js', async () => ({ mount: () => ({ open, close: vi.fn() }) }));
    await flush();
    (shadow()!.querySelector('[data-testid="omnichannel-launcher"]') as HTMLElement).click();
    await flush();
    expect(open).toHaveBeenCalled();
  });

  it('imports the chat bundle from the hub only on click, once, and opens it', async () => {
    const win = freshWindow();
    const open = vi.fn();
    const mount = vi.fn<Mount>(() => ({ open, close: vi.fn() }));
    const importer = vi.fn(async () => ({ mount }));
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    expect(importer).not.toHaveBeenCalled();
    const launcher = shadow()!.querySelector('[data-testid="omnichannel-launcher"]') as HTMLButtonElement;
    launcher.click();
    launcher.click();
    await flush();
    expect(importer).toHaveBeenCalledTimes(1);
    expect(importer).toHaveBeenCalledWith('https://hub.example.com/widget/chat.js');
    expect(mount).toHaveBeenCalledTimes(1);
    expect(mount.mock.calls[0]![0].hub).toBe('https://hub.example.com');
    expect(mount.mock.calls[0]![0].launcher).toBe(launcher);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('exposes window.Omnichannel.open/close and keeps existing members', async () => {
    const win = freshWindow();
    win.Omnichannel = { custom: 'kept' };
    const handle = { open: vi.fn(), close: vi.fn() };
    boot(win, 'https://hub.example.com/widget.js', async () => ({ mount: () => handle }));
    await flush();
    const api = win.Omnichannel!;
    expect(api['custom']).toBe('kept');
    api.close!(); // nothing loaded yet: no-op
    api.open!();
    await flush();
    expect(handle.open).toHaveBeenCalled();
    api.close!();
    await flush();
    expect(handle.close).toHaveBeenCalled();
  });

  it('loads the chat without a click for a returning visitor', async () => {
    const win = freshWindow();
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 9, closed: false, open: true }));
    const importer = vi.fn(async () => ({ mount: () => ({ open: vi.fn(), close: vi.fn() }) }));
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it('tries the import again on the next click after a failure', async () => {
    const win = freshWindow();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const importer = vi
      .fn<(url: string) => Promise<{ mount: Mount }>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue({ mount: () => ({ open: vi.fn(), close: vi.fn() }) });
    boot(win, 'https://hub.example.com/widget.js', importer);
    await flush();
    win.Omnichannel!.open!();
    await flush();
    win.Omnichannel!.open!();
    await flush();
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('boots once even when the script is included twice', async () => {
    const win = freshWindow();
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    expect(document.querySelectorAll('#omnichannel-widget')).toHaveLength(1);
  });
});
