import { describe, expect, it, vi } from 'vitest';
import source from '../../public/sw.js?raw';

/** Runs public/sw.js against a fake service-worker global. */
function loadWorker(windows: { url: string }[] = []) {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: { title: string; options: NotificationOptions }[] = [];
  const opened: string[] = [];
  const posted: unknown[] = [];
  const fetchFn = vi.fn(async (..._args: unknown[]) => new Response(null, { status: 204 }));
  const clients = windows.map((w) => ({ url: w.url, postMessage: (m: unknown) => posted.push(m), focus: vi.fn(async () => undefined) }));
  const self = {
    location: { origin: 'https://hub.example' },
    addEventListener: (name: string, fn: (event: unknown) => void) => listeners.set(name, fn),
    skipWaiting: () => {},
    registration: { showNotification: async (title: string, options: NotificationOptions) => void shown.push({ title, options }) },
    clients: { claim: async () => {}, matchAll: async () => clients, openWindow: async (url: string) => void opened.push(url) },
  };
  new Function('self', 'fetch', source)(self, fetchFn);
  const dispatch = async (name: string, event: object) => {
    let work: Promise<unknown> = Promise.resolve();
    listeners.get(name)!({ ...event, waitUntil: (p: Promise<unknown>) => (work = p) });
    await work;
  };
  return { dispatch, shown, opened, posted, fetchFn, clients };
}

const payload = { alertId: 7, kind: 'offer', conversationId: 12, offerId: 3, title: 'New chat', body: 'Ada: hello', url: '/console?conversation=12', ackUrl: '/api/alerts/7/ack' };

describe('service worker', () => {
  it('shows the pushed alert', async () => {
    const w = loadWorker();
    await w.dispatch('push', { data: { json: () => payload, text: () => '' } });
    expect(w.shown).toHaveLength(1);
    expect(w.shown[0]!.title).toBe('New chat');
    expect(w.shown[0]!.options).toMatchObject({ body: 'Ada: hello', tag: 'alert-7', data: payload });
  });

  it('on click acknowledges the alert and opens its url', async () => {
    const w = loadWorker();
    const close = vi.fn();
    await w.dispatch('notificationclick', { notification: { data: payload, close } });
    expect(close).toHaveBeenCalled();
    expect(w.opened).toEqual(['https://hub.example/console?conversation=12']);
    expect(w.fetchFn).toHaveBeenCalledWith('https://hub.example/api/alerts/7/ack', { method: 'POST', credentials: 'include' });
  });

  it('asks an open console to navigate instead of opening another tab, and never leaves the origin', async () => {
    const w = loadWorker([{ url: 'https://hub.example/console/' }]);
    await w.dispatch('notificationclick', { notification: { data: { ...payload, url: 'https://evil.example/x' }, close: () => {} } });
    expect(w.opened).toEqual([]);
    expect(w.posted).toEqual([{ type: 'omnichannel:open', url: 'https://hub.example/console/' }]);
    expect(w.clients[0]!.focus).toHaveBeenCalled();
  });
});
