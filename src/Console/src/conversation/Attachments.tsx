import type { AttachmentDto } from '../api/types';
import { formatSize, safeUrl } from '../shared/safeUrl';

const HUB_FILE = /^\/api\/attachments\/[0-9a-f]{32}$/;
const RASTER = /^image\/(jpeg|png|gif|webp)$/;

/** The downscaled copy the hub makes of its own stored images; other images are shown constrained, lazily. */
export function thumbnailUrl(a: AttachmentDto): string | null {
  if (!RASTER.test(a.contentType)) return null;
  return HUB_FILE.test(a.url) ? `${a.url}/thumb` : safeUrl(a.url);
}

/**
 * Images as thumbnails linking to the file, everything else (PDF, SVG, …) as a card with name and size that
 * downloads it. SVG is never rendered. Unsafe URLs are shown as names only.
 */
export function Attachments({ attachments }: { attachments: AttachmentDto[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments">
      {attachments.map((a, index) => {
        const href = safeUrl(a.url);
        const name = a.name || fileName(a.url) || 'attachment';
        const thumb = href === null ? null : thumbnailUrl(a);
        return (
          <li key={`${a.url}-${index}`}>
            {href === null ? (
              <span className="attachment-blocked" title="This link was blocked">
                {name}
              </span>
            ) : thumb !== null ? (
              <a href={href} target="_blank" rel="noopener noreferrer" className="attachment-image" data-testid="attachment-image">
                <img src={thumb} alt={name} loading="lazy" decoding="async" />
              </a>
            ) : (
              <a href={href} target="_blank" rel="noopener noreferrer" download={a.name ?? undefined} className="attachment-file" data-testid="attachment-file">
                {a.size != null ? `${name} (${formatSize(a.size)})` : name}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function fileName(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  try {
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return path.slice(path.lastIndexOf('/') + 1);
  }
}
