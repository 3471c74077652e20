import { beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, hasStoredChat, hubBase, type WidgetWindow } from '../src/loader/boot';
import type { Mount } from '../src/shared/mount';

function freshWindow(): WidgetWindow {
  document.body.replaceChildren();
  localStorage.clear();
  const win = window as WidgetWindow;
  delete win.Omnichannel;
  delete win.__omnichannelBooted;
  return win;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('hubBase', () => {
  it('is the origin of the script for a root install', () => {
    expect(hubBase('https://hub.example.com/widget.js')).toBe('https://hub.example.com');
    expect(hubBase('https://hub.example.com/widget.js?v=3')).toBe('https://hub.example.com');
  });
  it('keeps a path base', () => {
    expect(hubBase('https://example.com/omnichannel/widget.js')).toBe('https://example.com/omnichannel');
  });
});

describe('hasStoredChat', () => {
  beforeEach(() => localStorage.clear());
  it('is false for a first visit', () => expect(hasStoredChat(() => localStorage)).toBe(false));
  it('is true for a live conversation, an open panel or unsent messages', () => {
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 4, closed: false, open: false }));
    expect(hasStoredChat(() => localStorage)).toBe(true);
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 4, closed: true, open: false }));
    expect(hasStoredChat(() => localStorage)).toBe(false);
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: null, closed: false, open: true }));
    expect(hasStoredChat(() => localStorage)).toBe(true);
    localStorage.removeItem('omnichannel.chat');
    localStorage.setItem('omnichannel.pending', '[{"clientMessageId":"a","text":"hi","createdAt":"x","attempts":0}]');
    expect(hasStoredChat(() => localStorage)).toBe(true);
  });
  it('is false when storage throws or holds garbage', () => {
    expect(hasStoredChat(() => { throw new Error('denied'); })).toBe(false);
    localStorage.setItem('omnichannel.chat', '{not json');
    expect(hasStoredChat(() => localStorage)).toBe(false);
  });
});

describe('boot', () => {
  it('puts a launcher into an open shadow root isolated with all: initial', () => {
    const win = freshWindow();
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    const host = document.getElementById('omnichannel-widget')!;
    expect(host.style.cssText).toContain('all: initial');
    expect(host.shadowRoot).not.toBeNull();
    const launcher = host.shadowRoot!.querySelector('[data-testid="omnichannel-launcher"]')!;
    expect(launcher.tagName).toBe('BUTTON');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(document.querySelector('[data-testid="omnichannel-launcher"]')).toBeNull(); // not in the light DOM
  });

  it('imports the chat bundle from the hub only on click, once, and opens it', async () => {
    const win = freshWindow();
    const open = vi.fn();
    const mount = vi.fn<Mount>(() => ({ open, close: vi.fn() }));
    const importer = vi.fn(async () => ({ mount }));
    boot(win, 'https://hub.example.com/widget.js', importer);
    expect(importer).not.toHaveBeenCalled();
    const launcher = document.getElementById('omnichannel-widget')!.shadowRoot!.querySelector('button')!;
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
    win.Omnichannel = { track: 'kept' };
    const handle = { open: vi.fn(), close: vi.fn() };
    boot(win, 'https://hub.example.com/widget.js', async () => ({ mount: () => handle }));
    expect(win.Omnichannel['track']).toBe('kept');
    win.Omnichannel.close!(); // nothing loaded yet: no-op
    win.Omnichannel.open!();
    await flush();
    expect(handle.open).toHaveBeenCalled();
    win.Omnichannel.close!();
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
    win.Omnichannel!.open!();
    await flush();
    win.Omnichannel!.open!();
    await flush();
    expect(importer).toHaveBeenCalledTimes(2);
  });

  it('boots once even when the script is included twice', () => {
    const win = freshWindow();
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    expect(document.querySelectorAll('#omnichannel-widget')).toHaveLength(1);
  });
});
