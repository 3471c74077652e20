import { t } from './i18n';
import type { VisitorFile } from './contract';

/** Only the hub's own signed links are shown; anything else is left out. */
const SAFE = /^\/media\/out\/[A-Za-z0-9_%.-]+(\/thumb)?$/;

/** "2.4 MB", "380 KB". */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A message's files: an image as its thumbnail (a link to the full image; never SVG, never the original inline),
 * anything else as a card with its name and size that downloads the file. If a thumbnail cannot load (the link
 * expired, the page's CSP has no img-src for the hub) the card is shown instead.
 */
export function renderFiles(doc: Document, hub: string, files: readonly VisitorFile[]): HTMLElement {
  const list = doc.createElement('span');
  list.className = 'oc-files';
  for (const file of files) {
    if (!SAFE.test(file.url)) continue;
    const name = file.name || 'file';
    const card = doc.createElement('a');
    card.className = 'oc-file';
    card.href = hub + file.url;
    card.setAttribute('download', name);
    card.setAttribute('data-testid', 'omnichannel-file');
    const label = doc.createElement('span');
    label.textContent = `📄 ${name}`;
    const size = doc.createElement('span');
    size.className = 'oc-size';
    size.textContent = file.size ? formatSize(file.size) : t.download;
    card.append(label, size);
    if (file.thumbnailUrl && SAFE.test(file.thumbnailUrl) && file.contentType.startsWith('image/') && file.contentType !== 'image/svg+xml') {
      const link = doc.createElement('a');
      link.className = 'oc-thumb';
      link.href = hub + file.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.setAttribute('data-testid', 'omnichannel-image');
      const img = doc.createElement('img');
      img.alt = name;
      img.loading = 'lazy';
      img.decoding = 'async';
      img.addEventListener('error', () => link.replaceWith(card));
      img.src = hub + file.thumbnailUrl;
      link.append(img);
      list.append(link);
    } else list.append(card);
  }
  return list;
}
