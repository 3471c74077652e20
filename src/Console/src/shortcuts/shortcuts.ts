import type { MessageKey } from '../i18n/en';

export type ShortcutAction = 'next' | 'prev' | 'accept' | 'close' | 'reply' | 'note' | 'search' | 'help';

export const SHORTCUTS: readonly { keys: string; action: ShortcutAction; label: MessageKey }[] = [
  { keys: 'j', action: 'next', label: 'shortcuts.next' },
  { keys: 'k', action: 'prev', label: 'shortcuts.prev' },
  { keys: 'a', action: 'accept', label: 'shortcuts.accept' },
  { keys: 'e', action: 'close', label: 'shortcuts.closeConversation' },
  { keys: 'r', action: 'reply', label: 'shortcuts.reply' },
  { keys: 'n', action: 'note', label: 'shortcuts.note' },
  { keys: '/', action: 'search', label: 'shortcuts.search' },
  { keys: '?', action: 'help', label: 'shortcuts.help' },
];

/** A console-wide shortcut for a key press; none while typing in a field or with a modifier held (Shift only for "?"). */
export function shortcutFor(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }, target: { tagName?: string; isContentEditable?: boolean } | null): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = target?.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return null;
  return SHORTCUTS.find((s) => s.keys === e.key)?.action ?? null;
}
