import type { CannedResponseDto } from '../api/types';

export interface SlashQuery {
  /** Index of the "/" in the text. */
  start: number;
  /** What was typed after it (the shortcut so far). */
  query: string;
}

/** "/ref" at the caret, at the start of the text or after a space: the operator is asking for a canned response. */
export function slashQuery(text: string, caret: number): SlashQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)\/([A-Za-z0-9_-]{0,40})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Shortcut starts with the query first, then shortcut or text contains it; most used first within each. */
export function filterCanned(list: readonly CannedResponseDto[], query: string, max = 8): CannedResponseDto[] {
  const q = query.toLowerCase();
  const byUse = (a: CannedResponseDto, b: CannedResponseDto) => b.usageCount - a.usageCount || a.shortcut.localeCompare(b.shortcut);
  const starts = list.filter((c) => c.shortcut.toLowerCase().startsWith(q)).sort(byUse);
  const contains = list.filter((c) => !starts.includes(c) && (c.shortcut.toLowerCase().includes(q) || c.text.toLowerCase().includes(q))).sort(byUse);
  return [...starts, ...contains].slice(0, max);
}

/** Replaces "/query" with the rendered response; the caret goes after it. */
export function insertCanned(text: string, slash: SlashQuery, rendered: string): { text: string; caret: number } {
  const end = slash.start + 1 + slash.query.length;
  const next = text.slice(0, slash.start) + rendered + text.slice(end);
  return { text: next, caret: slash.start + rendered.length };
}

export type ReplyKeyAction = 'send' | 'menuNext' | 'menuPrev' | 'menuPick' | 'menuClose' | 'toggleNote' | null;

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

/**
 * What a key does in the reply box. With the canned menu open, arrows move, Enter/Tab insert and Escape closes;
 * otherwise Enter sends (Shift+Enter is a new line) and Alt+N switches between reply and note.
 */
export function replyKeyAction(e: KeyLike, menuOpen: boolean): ReplyKeyAction {
  if (e.isComposing) return null;
  if (menuOpen) {
    if (e.key === 'ArrowDown') return 'menuNext';
    if (e.key === 'ArrowUp') return 'menuPrev';
    if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') return 'menuPick';
    if (e.key === 'Escape') return 'menuClose';
  }
  if (e.altKey && (e.key === 'n' || e.key === 'N' || e.key === 'ñ')) return 'toggleNote';
  if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) return 'send';
  return null;
}

/** Moves the highlighted item, wrapping around. */
export function moveSelection(index: number, count: number, action: 'menuNext' | 'menuPrev'): number {
  if (count === 0) return 0;
  return action === 'menuNext' ? (index + 1) % count : (index - 1 + count) % count;
}
