import { CHAT_KEY, DISMISSED_KEY, OPTOUT_KEY, PENDING_KEY, TOKEN_KEY } from '../shared/keys';
import type { ChatHandle, Mount } from '../shared/mount';
import { mayTrack, shows, type PageRule } from './rules';
import { adoptCss } from '../shared/css';

/** window.Omnichannel: open/close, track/identify (signals), optOut/optIn; the object is kept if the page made one. */
export interface OmnichannelApi {
  open(): void;
  close(): void;
  track(name: string, data?: unknown): void;
  identify(data: unknown): void;
  optOut(): void;
  optIn(): void;
  /** Calls queued by the page before the loader ran: [['track', 'cart', {value: 1}], …]. */
  q?: unknown[][];
  [extension: string]: unknown;
}

export type WidgetWindow = Window & { Omnichannel?: Partial<OmnichannelApi>; __omnichannelBooted?: boolean };

export type ChatImporter = (url: string) => Promise<{ mount: Mount }>;

/** GET /api/widget/bootstrap (the parts the loader uses). */
export interface Bootstrap {
  rules: PageRule[];
  state: WidgetState;
  engage: { rule: number; after: number; exit: boolean }[];
  signals: boolean;
  respectDnt: boolean;
  flush: number;
  /** The loader's own words in the visitor's language. */
  words: { open: string; dismiss: string };
}

export interface WidgetState {
  state: 'Available' | 'Busy' | 'Closed';
  message: string;
  openingHours: string[];
  /** "Opens Mon 09:00 CET": the shop's time zone, named, in the visitor's language. */
  opens?: string | null;
  alternatives: { label: string; url: string; promise: string }[];
}

const CSS =
  '.l{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;' +
  'background:#0b5cab;color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 16px rgba(0,0,0,.3)}' +
  '.l:hover{background:#094a8a}.l:focus-visible{outline:3px solid #f5a623;outline-offset:3px}' +
  '.l svg{width:28px;height:28px;fill:currentColor}' +
  '.l[data-unread]::after{content:attr(data-unread);position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;' +
  'padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d1242f;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}' +
  '.s,.g{all:initial;position:fixed;right:20px;bottom:92px;z-index:2147483000;max-width:300px;padding:12px 14px;border-radius:12px;background:#fff;' +
  'color:#1f2328;box-shadow:0 6px 24px rgba(0,0,0,.2);font:14px/1.4 system-ui,sans-serif}.s[hidden],.g[hidden]{display:none}' +
  '.s ul{margin:6px 0;padding-left:18px}.s a{display:block;color:#0b5cab;font-weight:600;margin-top:4px}.g{cursor:pointer}' +
  '.g button{all:unset;cursor:pointer;float:right;margin-left:8px;font-size:18px;line-height:1}';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

/** The hub's base URL from the loader's own src: "https://hub.example/widget.js" -> "https://hub.example". */
const warn = (e: unknown) => console.warn('Omnichannel widget:', e);

export function hubBase(src: string): string {
  return new URL('.', src).href.replace(/\/$/, '');
}

/** A returning visitor with a live conversation, unsent messages or an open panel sees their chat without a click. */
export function hasStoredChat(storage: () => Storage): boolean {
  try {
    const s = storage();
    const chat = JSON.parse(s.getItem(CHAT_KEY) || '{}') as { open?: boolean; conversationId?: number | null; closed?: boolean };
    return !!(chat.open || (chat.conversationId && !chat.closed) || s.getItem(PENDING_KEY));
  } catch {
    return false;
  }
}

/**
 * Sets up window.Omnichannel, asks the hub for the page rules and the widget's state, and only on a page
 * the owner chose puts the launcher on it; the chat bundle is imported on first use. Busy or closed: the
 * launcher says so, with the opening hours and the asynchronous channels — never an input.
 */
export function boot(win: WidgetWindow, src: string, importer: ChatImporter, lang?: string): void {
  if (win.__omnichannelBooted) return;
  win.__omnichannelBooted = true;
  const doc = win.document;
  const nav = win.navigator;
  const hub = hubBase(src);
  const path = win.location.pathname;
  // The embed snippet's data-lang, else the page's lang, else the browser's; the hub answers unknown ones in English.
  lang = encodeURIComponent(lang || doc.documentElement.lang || nav.language || '');
  const ls = (): Storage => win.localStorage;
  const get = (k: string) => {
    try {
      return ls().getItem(k);
    } catch {
      return null;
    }
  };
  const api = win.Omnichannel || (win.Omnichannel = {});
  const queued = api.q || [];
  const events: unknown[][] = [['v', path]];
  let send: ((beacon?: boolean) => void) | undefined;
  let on = true;
  // Batched: sent with the next flush (timer, engagement check, or the beacon when the page is left).
  const push = (e: unknown[]) => on && events.push(e);
  api.track = (name, data) => push(['k', name, data]);
  api.identify = (data) => push(['i', data]);
  api.optOut = () => {
    on = false;
    events.length = 0;
    ls().setItem(OPTOUT_KEY, '1');
  };
  api.optIn = () => ls().removeItem(OPTOUT_KEY);
  let chat: Promise<ChatHandle> | undefined;
  api.close = () => void chat?.then((c) => c.close(), () => undefined);
  api.open = () => undefined;

  win
    .fetch(`${hub}/api/widget/bootstrap?lang=${lang}&path=${encodeURIComponent(path)}`)
    .then((r) => r.json() as Promise<Bootstrap>)
    .then((b) => {
      // Signals (and a conversion) count on every page; the launcher only shows on the pages the owner chose.
      let greet: ((g: { rule: number; text: string }) => void) | undefined;
      if (mayTrack(b.signals, !!get(OPTOUT_KEY), b.respectDnt, nav as Navigator & { globalPrivacyControl?: boolean })) {
        const started = Date.now();
        let scroll = 0;
        let exit = false;
        const url = `${hub}/api/widget/signals`;
        // Signals are taken only with a visitor token the hub issued (POST /api/widget/visitor, shared with the chat):
        // the first batch gets one; a token the hub refuses (expired) is forgotten and the next batch gets a new one.
        // The chat stores its own token meanwhile (it owns the conversation): the stored token is only replaced or
        // forgotten while it is still the one this batch used, so a reload finds the chat's visitor, not another one.
        const batch = (token: string) =>
          JSON.stringify({ token, lang: nav.language, path, title: doc.title, dwell: (Date.now() - started) / 1000, scroll, exit, events: events.splice(0) });
        send = (beacon) => {
          if (!on) return;
          const token = get(TOKEN_KEY);
          // The page is going away: a beacon now or nothing (no time left to get a token first).
          if (beacon) return void (token && nav.sendBeacon?.(url, batch(token)));
          (token
            ? Promise.resolve(token)
            : win
                .fetch(`${hub}/api/widget/visitor`, { method: 'POST' }) // no body: a simple request, no preflight
                .then((r) => r.json() as Promise<{ token: string }>)
                .then((v) => get(TOKEN_KEY) ?? (ls().setItem(TOKEN_KEY, v.token), v.token))
          )
            .then((t) =>
              win.fetch(url, { method: 'POST', body: batch(t), keepalive: true }).then((r) =>
                r.status == 401
                  ? void (get(TOKEN_KEY) === t && ls().removeItem(TOKEN_KEY))
                  : (r.json() as Promise<{ token: string; greet?: { rule: number; text: string }; invite?: number }>).then((a) => {
                      if (get(TOKEN_KEY) === t) ls().setItem(TOKEN_KEY, a.token); // renewed when past half its lifetime
                      if (a.greet) greet?.(a.greet);
                      if (a.invite) api.open!();
                    }),
              ),
            )
            .catch(() => undefined);
        };
        win.addEventListener('scroll', () => (scroll = Math.max(scroll, Math.round(((win.scrollY + win.innerHeight) / doc.documentElement.scrollHeight) * 100))), { passive: true });
        doc.addEventListener('mouseout', (e) => {
          if (!e.relatedTarget && e.clientY <= 0 && !exit) {
            exit = true;
            if (b.engage.some((h) => h.exit)) send!();
          }
        });
        win.addEventListener('pagehide', () => (events.push(['e', path, (Date.now() - started) / 1000]), send!(true)));
        for (const h of b.engage) setTimeout(() => send!(), h.after * 1000 + 300);
        setInterval(() => doc.hidden || send!(), b.flush * 1000);
        send();
      } else on = false;

      if (!shows(b.rules, path)) return;
      const host = doc.createElement('div');
      host.id = 'omnichannel-widget';
      // Nothing of the page's CSS reaches in (shadow DOM), and nothing inherits through the host.
      host.style.cssText = 'all:initial!important';
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML =
        `<div class="s" data-testid="omnichannel-state" role="status" hidden></div>` +
        `<div class="g" data-testid="omnichannel-proactive" hidden><button type="button" aria-label="${b.words.dismiss}">×</button><span></span></div>` +
        `<button type="button" class="l" data-testid="omnichannel-launcher" aria-haspopup="dialog" aria-expanded="false">${ICON}</button>`;
      adoptCss(root, CSS);
      const [card, bubble] = root.querySelectorAll('div');
      const launcher = root.querySelector('.l') as HTMLButtonElement;
      const el = (tag: string, text: string, parent: Element, attrs: Record<string, string> = {}) => {
        const e = doc.createElement(tag);
        e.textContent = text;
        for (const k in attrs) e.setAttribute(k, attrs[k]!);
        return parent.appendChild(e);
      };
      let state: WidgetState = b.state;
      // Dismissed (launcher toggles it) stays dismissed for the browser session.
      const ss = win.sessionStorage;
      let cardOpen = !ss?.getItem(DISMISSED_KEY);
      // Busy or closed: only a visitor with an open conversation (or unsent messages) keeps chatting.
      const live = () => state.state === 'Available' || !!get(PENDING_KEY) || /"conversationId":\d+,"closed":false/.test(get(CHAT_KEY) || '');
      const render = () => {
        card!.setAttribute('data-state', state.state.toLowerCase());
        card!.hidden = live() || !cardOpen;
        launcher.setAttribute('aria-label', live() ? b.words.open : state.message);
        card!.replaceChildren();
        if (live()) return;
        bubble!.hidden = true;
        api.close!();
        el('p', state.message, card!);
        if (state.state === 'Closed') {
          const ul = el('ul', '', card!, { 'data-testid': 'omnichannel-hours' });
          for (const line of state.openingHours) el('li', line, ul);
          if (state.opens) el('li', state.opens, ul);
        }
        for (const a of state.alternatives)
          el('a', `${a.label} — ${a.promise}`, card!, { 'data-testid': 'omnichannel-alternative', href: a.url, target: '_blank', rel: 'noopener' });
      };

      const load = (): Promise<ChatHandle> => {
        if (!chat) {
          launcher.setAttribute('aria-busy', 'true');
          chat = importer(`${hub}/widget/chat.js`).then(
            (m) => (launcher.removeAttribute('aria-busy'), render(), m.mount({ root, hub, launcher, greeting, lang })),
            (error: unknown) => {
              launcher.removeAttribute('aria-busy');
              chat = undefined; // a later click tries again
              throw error;
            },
          );
        }
        return chat;
      };
      api.open = () => void load().then((c) => c.open(), warn);
      launcher.addEventListener('click', () => (live() ? api.open!() : ((cardOpen = !cardOpen), cardOpen ? ss?.removeItem(DISMISSED_KEY) : ss?.setItem(DISMISSED_KEY, '1'), render())));

      let greeted = 0;
      let greeting: string | undefined;
      greet = (g) => {
        if (chat) return;
        greeted = g.rule;
        greeting = g.text;
        bubble!.lastChild!.textContent = g.text;
        bubble!.hidden = false;
      };
      bubble!.addEventListener('click', (e) => {
        bubble!.hidden = true;
        const dismissed = (e.target as Element).tagName === 'BUTTON';
        push(['g', greeted, dismissed ? 'dismiss' : 'accept']);
        if (!dismissed) api.open!();
      });

      const ES = (win as unknown as { EventSource?: typeof EventSource }).EventSource;
      if (ES)
        new ES(`${hub}/api/widget/state/stream?lang=${lang}`).onmessage = (m: MessageEvent<string>) => {
          state = JSON.parse(m.data) as WidgetState;
          render();
        };

      render();
      doc.body.append(host);
      if (hasStoredChat(ls)) load().catch(warn);
    })
    .catch(warn);
  for (const [m, ...args] of queued) (api[m as string] as (...a: unknown[]) => void)?.(...args);
}
