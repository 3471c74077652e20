import { describe, expect, it, vi } from 'vitest';
import { boot, type WidgetWindow } from '../src/loader/boot';
import { fakeHub, flush, freshWindow } from './loader-fakes';

describe('visitor token', () => {
  it('a new visitor gets a token from the hub first and every signals batch carries it', async () => {
    const hub = fakeHub({ signals: true, respectDnt: false });
    hub.answer({ token: 'issued' });
    const win = freshWindow(hub);
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    const urls = hub.calls.map((c) => c.url.replace('https://hub.example.com', ''));
    expect(urls.findIndex((u) => u === '/api/widget/visitor')).toBeLessThan(urls.findIndex((u) => u === '/api/widget/signals'));
    const signals = hub.calls.find((c) => c.url.endsWith('/api/widget/signals'))!;
    expect(JSON.parse(signals.body!).token).toBe('issued');
    expect(localStorage.getItem('omnichannel.visitor')).toBe('issued');
  });

  it('a returning visitor sends the stored token without asking for a new one, and keeps a renewed one', async () => {
    const hub = fakeHub({ signals: true, respectDnt: false });
    hub.answer({ token: 'renewed' });
    const win = freshWindow(hub);
    localStorage.setItem('omnichannel.visitor', 'stored');
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    expect(hub.calls.some((c) => c.url.endsWith('/api/widget/visitor'))).toBe(false);
    expect(JSON.parse(hub.calls.find((c) => c.url.endsWith('/signals'))!.body!).token).toBe('stored');
    expect(localStorage.getItem('omnichannel.visitor')).toBe('renewed');
  });

  it('a token the hub refuses (expired) is forgotten, so the next batch gets a new one', async () => {
    const hub = fakeHub({ signals: true, respectDnt: false });
    hub.status(401);
    const win = freshWindow(hub);
    localStorage.setItem('omnichannel.visitor', 'expired');
    boot(win, 'https://hub.example.com/widget.js', vi.fn());
    await flush();
    expect(localStorage.getItem('omnichannel.visitor')).toBeNull();
  });

  /** The chat (which owns the conversation) stores its own token while the given request of the loader is under way. */
  function chatStoresItsTokenDuring(hub: ReturnType<typeof fakeHub>, path: string, win: WidgetWindow) {
    const answer = hub.fetch.getMockImplementation()!;
    win.fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const response = await answer(url, init);
      if (url.endsWith(path)) localStorage.setItem('omnichannel.visitor', 'chat');
      return response;
    }) as unknown as typeof fetch;
  }

  it('a token the chat stored meanwhile is kept: signals use it, and a renewal or refusal of an older one never replaces it (a reload finds the chat)', async () => {
    for (const [path, status, stored] of [
      ['/api/widget/visitor', 200, null],
      ['/api/widget/signals', 200, 'stored'],
      ['/api/widget/signals', 401, 'expired'],
    ] as const) {
      const hub = fakeHub({ signals: true, respectDnt: false });
      hub.answer({ token: 'renewed' });
      hub.status(status);
      const win = freshWindow(hub);
      if (stored) localStorage.setItem('omnichannel.visitor', stored);
      chatStoresItsTokenDuring(hub, path, win);
      boot(win, 'https://hub.example.com/widget.js', vi.fn());
      await flush();
      const signals = hub.calls.find((c) => c.url.endsWith('/api/widget/signals'))!;
      if (stored === null)
        expect(JSON.parse(signals.body!).token).toBe('chat'); // the chat's visitor, not the one minted for signals
      else expect(localStorage.getItem('omnichannel.visitor')).toBe('chat');
    }
  });
});

