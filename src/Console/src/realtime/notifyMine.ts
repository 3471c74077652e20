import type { ConversationDto, MessageDto } from '../api/types';

/** A customer wrote in a conversation I hold: worth a sound (and a desktop notification when the console is hidden). */
export function isNewInMine(message: MessageDto, conversation: ConversationDto | undefined, meId: number): boolean {
  return message.direction === 'Inbound' && !message.isAutomated && conversation?.state === 'Assigned' && conversation.assignedOperatorId === meId;
}

/** Shows a desktop notification when the console is hidden and the operator allowed notifications (never asks here). */
export function desktopNotify(title: string, body: string, tag: string): void {
  if (typeof document === 'undefined' || document.visibilityState === 'visible') return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some browsers only allow notifications from the service worker; the sound still plays.
  }
}
