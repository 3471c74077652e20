import type { MessageDto, NoteDto } from '../api/types';

export type TimelineItem = { kind: 'message'; at: number; message: MessageDto } | { kind: 'note'; at: number; note: NoteDto };

/** Messages and notes in one list, by time (messages keep their id order among themselves). */
export function mergeTimeline(messages: readonly MessageDto[], notes: readonly NoteDto[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...messages.map((m) => ({ kind: 'message' as const, at: Date.parse(m.createdAt), message: m })),
    ...notes.map((n) => ({ kind: 'note' as const, at: Date.parse(n.createdAt), note: n })),
  ];
  return items.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}
