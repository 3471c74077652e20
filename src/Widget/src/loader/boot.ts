import { CHAT_KEY, PENDING_KEY } from '../shared/keys';
import type { ChatHandle, Mount } from '../shared/mount';

/** window.Omnichannel: open() and close() now; later features add to the same object. */
export interface OmnichannelApi {
  open(): void;
  close(): void;
  [extension: string]: unknown;
}

export type WidgetWindow = Window & { Omnichannel?: Partial<OmnichannelApi>; __omnichannelBooted?: boolean };

export type ChatImporter = (url: string) => Promise<{ mount: Mount }>;

const CSS =
  '.l{all:initial;position:fixed;right:20px;bottom:20px;z-index:2147483000;width:60px;height:60px;border-radius:50%;' +
  'background:#0b5cab;color:#fff;cursor:pointer;display:grid;place-items:center;box-shadow:0 4px 16px rgba(0,0,0,.3)}' +
  '.l:hover{background:#094a8a}.l:focus-visible{outline:3px solid #f5a623;outline-offset:3px}' +
  '.l[aria-busy=true]{opacity:.7}.l svg{width:28px;height:28px;fill:currentColor}' +
  '.l[data-unread]::after{content:attr(data-unread);position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;' +
  'padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d1242f;color:#fff;font:600 12px/20px system-ui,sans-serif;text-align:center}';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"/></svg>';

/** The hub's base URL from the loader's own src: "https://hub.example/widget.js" -> "https://hub.example". */
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

/** Puts the launcher on the page and wires it to the lazily imported chat bundle. */
export function boot(win: WidgetWindow, src: string, importer: ChatImporter): void {
  if (win.__omnichannelBooted) return;
  win.__omnichannelBooted = true;
  const doc = win.document;
  const hub = hubBase(src);
  const host = doc.createElement('div');
  host.id = 'omnichannel-widget';
  // Nothing of the page's CSS reaches in (shadow DOM), and nothing inherits through the host.
  host.style.cssText = 'all:initial!important';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    `<style>${CSS}</style><button type="button" class="l" data-testid="omnichannel-launcher" ` +
    `aria-label="Open chat" aria-haspopup="dialog" aria-expanded="false">${ICON}</button>`;
  const launcher = root.querySelector('button')!;

  let chat: Promise<ChatHandle> | undefined;
  const load = (): Promise<ChatHandle> => {
    if (!chat) {
      launcher.setAttribute('aria-busy', 'true');
      chat = importer(`${hub}/widget/chat.js`).then(
        (m) => (launcher.removeAttribute('aria-busy'), m.mount({ root, hub, launcher })),
        (error: unknown) => {
          launcher.removeAttribute('aria-busy');
          chat = undefined; // a later click tries again
          throw error;
        },
      );
    }
    return chat;
  };
  const report = (error: unknown) => console.warn('Omnichannel chat could not load', error);
  const api = win.Omnichannel || (win.Omnichannel = {});
  api.open = () => void load().then((c) => c.open(), report);
  api.close = () => void chat?.then((c) => c.close(), () => undefined);
  launcher.addEventListener('click', () => api.open!());

  const attach = () => {
    doc.body.append(host);
    if (hasStoredChat(() => win.localStorage)) load().catch(report);
  };
  if (doc.body) attach();
  else doc.addEventListener('DOMContentLoaded', attach);
}
