// Shapes of the hub's REST and SignalR payloads (System.Text.Json, camelCase, enums as PascalCase names).

export type Channel = 'WebChat' | 'WhatsApp' | 'Sms' | 'Messenger' | 'Telegram' | 'Email' | 'BotFramework';
export type ConversationState = 'Waiting' | 'Assigned' | 'Closed';
export type MessageDirection = 'Inbound' | 'Outbound';
export type MessageStatus = 'Pending' | 'Queued' | 'Sent' | 'Delivered' | 'Read' | 'Unconfirmed' | 'Failed';
export type Presence = 'Offline' | 'Away' | 'Available';
export type InboxView = 'waiting' | 'mine' | 'all' | 'closed' | 'automatic';

export const CHANNELS: readonly Channel[] = ['WebChat', 'WhatsApp', 'Sms', 'Messenger', 'Telegram', 'Email', 'BotFramework'];

export interface OperatorDto {
  id: number;
  /** Null for colleagues unless you supervise. */
  email: string | null;
  displayName: string;
  role: string;
  presence: Presence;
  liveCapacity?: number;
  asyncCapacity?: number;
  autoAccept?: boolean;
  skills?: string[];
  languages?: string[];
  locale?: string;
  disabled?: boolean;
  initials?: string;
}

export interface LoginResponse {
  operator: OperatorDto;
  accessToken: string;
  expiresAt: string;
}

export interface ConversationDto {
  id: number;
  channel: Channel;
  state: ConversationState;
  contactId: number;
  contactName: string;
  contactHandle: string;
  assignedOperatorId: number | null;
  createdAt: string;
  lastMessageAt: string;
  waitingSince: string | null;
  lastMessagePreview: string | null;
  /** SLA clock (first or next response): at risk from slaAtRiskAt, breached at slaDueAt; null when nobody waits. */
  slaDueAt?: string | null;
  slaState?: 'None' | 'OnTrack' | 'AtRisk' | 'Breached';
  slaKind?: 'FirstResponse' | 'NextResponse' | null;
  slaStartedAt?: string | null;
  slaAtRiskAt?: string | null;
  /** Only automatic mail so far: shown in the automatic view, never offered. */
  automatic?: boolean;
  /** Filled by inbox fetches and label changes; absent on pushes that do not carry labels (keep what we had). */
  labelIds?: number[] | null;
}

export interface AttachmentDto {
  url: string;
  contentType: string;
  name: string | null;
  size: number | null;
}

export interface MessageDto {
  id: number;
  conversationId: number;
  channel: Channel;
  direction: MessageDirection;
  text: string;
  status: MessageStatus;
  statusReason: string | null;
  operatorId: number | null;
  clientMessageId: string | null;
  createdAt: string;
  isAutomated: boolean;
  attachments: AttachmentDto[];
  /** When the customer edited it (the text is the edited one). */
  editedAt?: string | null;
  /** The customer's reaction to this message. */
  reaction?: string | null;
  /** Structured data from the provider: button payloads, deep-link parameters, contact cards. */
  metadata?: Record<string, string> | null;
}

export interface MessageStatusDto {
  conversationId: number;
  messageId: number;
  status: MessageStatus;
  reason: string | null;
}

/** RFC 9457 problem details, as the hub returns for every error. */
export interface ProblemDetails {
  title?: string;
  detail?: string;
  status?: number;
  /** A validation problem: what is wrong, by field ("name", "policies[0].firstResponseSeconds"). */
  errors?: Record<string, string[]>;
}

export type OfferState = 'Pending' | 'Accepted' | 'Declined' | 'Expired' | 'Cancelled';

/** A conversation offered to this operator by routing, open until accepted, declined, withdrawn or expired. */
export interface OfferDto {
  id: number;
  conversationId: number;
  operatorId: number;
  channel: Channel;
  contactName: string;
  preview: string | null;
  offeredAt: string;
  expiresAt: string;
  broadcast: boolean;
  state: OfferState;
}

/** Pushed to supervisors when a web chat is about to miss its promise. */
export interface SupervisorAlertDto {
  conversationId: number;
  channel: Channel;
  contactName: string;
  waitingSince: string;
  reason: string;
}

/** Roles are ranked: an admin is also a supervisor. */
export function isSupervisor(op: Pick<OperatorDto, 'role'>): boolean {
  return op.role === 'supervisor' || op.role === 'admin';
}

/** Reads the board and the reports: supervisors, admins and the read-only analytics role. */
export function readsReports(op: Pick<OperatorDto, 'role'>): boolean {
  return isSupervisor(op) || op.role === 'analyst';
}

/** Answers customers (inbox, offers, presence): everyone but the read-only analytics role. */
export function answersCustomers(op: Pick<OperatorDto, 'role'>): boolean {
  return op.role !== 'analyst';
}

export type WindowMode = 'Unlimited' | 'Open' | 'Template' | 'HumanAgentTag' | 'Closed';

/** GET /api/conversations/{id}/window: how a reply may go out right now (WhatsApp / Messenger 24 h windows). */
export interface WindowStateDto {
  channel: Channel;
  mode: WindowMode;
  lastInboundAt: string | null;
  /** When the current mode ends (null when unlimited or closed). */
  closesAt: string | null;
  /** What to show above the reply box (null when nothing needs saying). */
  notice: string | null;
  canReply: boolean;
}

/** GET /api/channels: each channel's configuration and last provider problem. */
export interface ChannelStateDto {
  channel: Channel;
  configured: boolean;
  healthy: boolean;
  reason: string | null;
}

export type TimelineKind = string;

/** GET /api/conversations/{id}/timeline: the routing history. */
export interface TimelineDto {
  at: string;
  kind: TimelineKind;
  operatorId: number | null;
  detail: string | null;
}

export type * from './operatorToolsTypes';

/** A supervisor's note to the operator of a conversation; never sent to the customer. */
export interface WhisperDto {
  conversationId: number;
  toOperatorId: number | null;
  fromOperatorId: number;
  fromName: string;
  text: string;
  at: string;
}
