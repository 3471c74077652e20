import type { Channel, ConversationDto, InboxView } from '../api/types';

/** Client-side mirror of the hub's views, so live pushes move conversations between tabs at once. */
export function inView(c: ConversationDto, view: InboxView, meId: number): boolean {
  switch (view) {
    case 'waiting':
      return c.state === 'Waiting' && !c.automatic;
    case 'mine':
      return c.state === 'Assigned' && c.assignedOperatorId === meId;
    case 'all':
      return c.state !== 'Closed' && !c.automatic;
    case 'automatic':
      return c.state !== 'Closed' && !!c.automatic;
    case 'closed':
      return c.state === 'Closed';
  }
}

/**
 * As the hub orders: least time left on the SLA clock first (a 30 s chat before a 1-day email); then
 * customers who wait without a clock, longest wait first; then the most recent activity.
 */
export function compareInbox(a: ConversationDto, b: ConversationDto): number {
  if (a.slaDueAt && b.slaDueAt) return Date.parse(a.slaDueAt) - Date.parse(b.slaDueAt) || a.id - b.id;
  if (a.slaDueAt) return -1;
  if (b.slaDueAt) return 1;
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
  label: number | null = null,
): ConversationDto[] {
  return Object.values(conversations)
    .filter((c) => inView(c, view, meId) && (channel === null || c.channel === channel) && (label === null || (c.labelIds ?? []).includes(label)))
    .sort(view === 'closed' ? (a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) : compareInbox);
}

export function countWaiting(conversations: Record<number, ConversationDto>): number {
  return Object.values(conversations).filter((c) => c.state === 'Waiting').length;
}
