/** A search snippet: plain text with matches between \u0002 and \u0003, shown as <mark> (never parsed as HTML). */
export function Snippet({ text }: { text: string }) {
  const parts: { text: string; hit: boolean }[] = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf('\u0002');
    if (start < 0) {
      parts.push({ text: rest, hit: false });
      break;
    }
    const end = rest.indexOf('\u0003', start);
    if (start > 0) parts.push({ text: rest.slice(0, start), hit: false });
    parts.push({ text: rest.slice(start + 1, end < 0 ? undefined : end), hit: true });
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  return (
    <span className="snippet">
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
