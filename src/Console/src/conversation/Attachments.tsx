import type { AttachmentDto } from '../api/types';
import { formatSize, safeUrl } from '../shared/safeUrl';

/** Images inline, everything else as a download link; unsafe URLs are shown as names only. */
export function Attachments({ attachments }: { attachments: AttachmentDto[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments">
      {attachments.map((a, index) => {
        const href = safeUrl(a.url);
        const name = a.name || fileName(a.url) || 'attachment';
        const label = `${name}${a.size != null ? ` (${formatSize(a.size)})` : ''}`;
        return (
          <li key={`${a.url}-${index}`}>
            {href === null ? (
              <span className="attachment-blocked" title="This link was blocked">
                {label}
              </span>
            ) : a.contentType.startsWith('image/') ? (
              <a href={href} target="_blank" rel="noopener noreferrer" className="attachment-image">
                <img src={href} alt={name} loading="lazy" />
              </a>
            ) : (
              <a href={href} target="_blank" rel="noopener noreferrer" download={a.name ?? undefined}>
                {label}
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
