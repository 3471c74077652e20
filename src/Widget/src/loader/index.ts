/**
 * /widget.js: the one script a site embeds (`<script src="https://HUB/widget.js" async></script>`).
 * Kept tiny (checked ≤ 3 KB gzipped at build): a launcher in a shadow root; the chat itself is
 * imported from HUB/widget/chat.js on first use.
 */
import { boot, type ChatImporter } from './boot';

const script = document.currentScript as HTMLScriptElement | null;
const src =
  script?.src || document.querySelector<HTMLScriptElement>('script[src*="widget.js"]')?.src || `${location.origin}/widget.js`;
boot(window, src, ((url: string) => import(url)) as ChatImporter, script?.dataset.lang);
