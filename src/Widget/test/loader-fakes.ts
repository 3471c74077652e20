import { vi } from 'vitest';
import type { Bootstrap, WidgetState, WidgetWindow } from '../src/loader/boot';

/** Shared by the loader's tests: a fake hub, a fresh window, and a way to let the loader's promises settle. */
export const AVAILABLE: WidgetState = { state: 'Available', message: 'We are here.', openingHours: [], alternatives: [] };

/** The hub's answers the loader sees: bootstrap (page rules, state, hints) and signals. */
export function fakeHub(over: Partial<Bootstrap> = {}) {
  const bootstrap: Bootstrap = { rules: [], state: AVAILABLE, engage: [], signals: false, respectDnt: true, flush: 15, words: { open: 'Open chat', dismiss: 'Dismiss' }, ...over };
  const calls: { url: string; body?: string | undefined }[] = [];
  let answer: unknown = { token: 't1' };
  let status = 200;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, body: init?.body as string | undefined });
    const json = url.includes('/bootstrap') ? bootstrap : url.includes('/api/widget/visitor') ? { visitorId: 'v_1', token: 'issued', renewed: true } : answer;
    return { status: url.includes('/signals') ? status : 200, json: async () => json } as Response;
  });
  return { fetch, calls, answer: (a: unknown) => (answer = a), status: (s: number) => (status = s) };
}

export function freshWindow(hub = fakeHub()): WidgetWindow {
  document.body.replaceChildren();
  localStorage.clear();
  sessionStorage.clear();
  const win = window as WidgetWindow;
  delete win.Omnichannel;
  delete win.__omnichannelBooted;
  win.fetch = hub.fetch as unknown as typeof fetch;
  return win;
}

export const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
export const shadow = () => document.getElementById('omnichannel-widget')?.shadowRoot ?? null;
