// Shapes of the hub's SLA payloads (GET /api/sla/board, /api/sla/breaches and the console hub's SLA events).
import type { Channel, ConversationState, Presence } from '../api/types';

export type SlaState = 'None' | 'OnTrack' | 'AtRisk' | 'Breached';
export type SlaKind = 'FirstResponse' | 'NextResponse';

/** The SLA fields the hub adds to every ConversationDto (inbox sorting and countdowns). */
export interface ConversationSla {
  slaDueAt: string | null;
  slaState: SlaState;
  slaKind: SlaKind | null;
  slaStartedAt: string | null;
  slaAtRiskAt: string | null;
}

export interface AttainmentPointDto {
  hourStart: string;
  measured: number;
  met: number;
  /** 0..1 within the hour; null when nothing was measured. */
  attainment: number | null;
  /** 0..1 from the start of the day to the end of this hour. */
  cumulative: number | null;
}

export interface ChannelBoardDto {
  channel: Channel;
  firstResponseTargetSeconds: number;
  nextResponseTargetSeconds: number;
  businessHours: boolean;
  waitingNow: number;
  oldestWaitingSince: string | null;
  oldestWaitSeconds: number | null;
  atRisk: number;
  breachedToday: number;
  attainmentLastHour: number | null;
  attainmentToday: number | null;
  medianFirstResponseSeconds: number | null;
  attainment: AttainmentPointDto[];
}

export interface OperatorLoadDto {
  id: number;
  displayName: string;
  presence: Presence;
  open: number;
  customersWaiting: number;
}

export interface SlaClockDto {
  conversationId: number;
  channel: Channel;
  contactName: string;
  conversationState: ConversationState;
  assignedOperatorId: number | null;
  assignedOperatorName: string | null;
  kind: SlaKind;
  startedAt: string;
  atRiskAt: string;
  dueAt: string;
  state: SlaState;
}

export interface SlaBoardDto {
  generatedAt: string;
  dayStart: string;
  timeZone: string;
  channels: ChannelBoardDto[];
  operators: OperatorLoadDto[];
  /** Running clocks nearest to breach first (breached ones lead). */
  atRisk: SlaClockDto[];
  /** The day shown (yyyy-MM-dd); a past day has no live waiting counts or clocks. */
  day?: string;
  live?: boolean;
  teams?: TeamBoardDto[];
}

export interface TeamBoardDto {
  id: number;
  name: string;
  membersOnline: number;
  members: number;
  open: number;
  waitingForTeam: number;
  breachedToday: number;
  attainmentToday: number | null;
}

export interface BreachDto {
  id: number;
  conversationId: number;
  channel: Channel;
  kind: SlaKind;
  targetSeconds: number;
  businessHours: boolean;
  startedAt: string;
  dueAt: string;
  raisedAt: string;
  operatorId: number | null;
  contactName: string | null;
}

export interface SlaAlertDto {
  conversationId: number;
  channel: Channel;
  kind: SlaKind;
  startedAt: string;
  atRiskAt: string;
  dueAt: string;
  raisedAt: string;
  assignedOperatorId: number | null;
  contactName: string;
}
