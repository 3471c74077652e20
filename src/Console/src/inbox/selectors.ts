import type { Channel, ConversationDto, InboxView } from '../api/types';

/** Client-side mirror of the hub's views, so live pushes move conversations between tabs at once. */
export function inView(c: ConversationDto, view: InboxView, meId: number): boolean {
  switch (view) {
    case 'waiting':
      return c.state === 'Waiting';
    case 'mine':
      return c.state === 'Assigned' && c.assignedOperatorId === meId;
    case 'all':
      return c.state !== 'Closed';
    case 'closed':
      return c.state === 'Closed';
  }
}

/** Customers who wait come first, longest wait first; then the most recent activity (as the hub orders). */
export function compareInbox(a: ConversationDto, b: ConversationDto): number {
  if (a.waitingSince && b.waitingSince) return Date.parse(a.waitingSince) - Date.parse(b.waitingSince) || a.id - b.id;
  if (a.waitingSince) return -1;
  if (b.waitingSince) return 1;
  return Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || b.id - a.id;
}

export function selectInbox(
  conversations: Record<number, ConversationDto>,
  view: InboxView,
  channel: Channel | null,
  meId: number,
): ConversationDto[] {
  return Object.values(conversations)
    .filter((c) => inView(c, view, meId) && (channel === null || c.channel === channel))
    .sort(view === 'closed' ? (a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) : compareInbox);
}

export function countWaiting(conversations: Record<number, ConversationDto>): number {
  return Object.values(conversations).filter((c) => c.state === 'Waiting').length;
}
