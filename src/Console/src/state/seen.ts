/** What each operator has read, per conversation (lastMessageAt when last opened), kept in local storage. */
const MAX_ENTRIES = 500;

type SeenMap = Record<string, string>;

const key = (operatorId: number) => `omnichannel.console.seen.${operatorId}`;

export function loadSeen(operatorId: number): SeenMap {
  try {
    const raw = window.localStorage.getItem(key(operatorId));
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as SeenMap) : {};
  } catch {
    return {};
  }
}

export function saveSeen(operatorId: number, seen: SeenMap): void {
  const entries = Object.entries(seen);
  const kept = entries.length > MAX_ENTRIES ? Object.fromEntries(entries.sort((a, b) => b[1].localeCompare(a[1])).slice(0, MAX_ENTRIES)) : seen;
  try {
    window.localStorage.setItem(key(operatorId), JSON.stringify(kept));
  } catch {
    // Storage full or disabled: unread marks last for this page only.
  }
}

export function isUnread(seen: SeenMap, conversationId: number, lastMessageAt: string): boolean {
  const at = seen[String(conversationId)];
  return at === undefined || Date.parse(at) < Date.parse(lastMessageAt);
}
