/** Human names for what the hub sends by its internal name. */
import { CHANNEL_LABELS } from '../inbox/ChannelBadge';

export const CHANNEL_NAMES: Record<string, string> = CHANNEL_LABELS;

export const STATE_NAMES: Record<string, string> = { OnTrack: 'on track', AtRisk: 'at risk', Breached: 'breached', None: '' };

export const PRESENCE_NAMES: Record<string, string> = { Available: 'available', Away: 'away', Offline: 'offline' };

/** "1 rating", "2 ratings". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
