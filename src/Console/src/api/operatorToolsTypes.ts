// Shapes of the operator tools' REST and SignalR payloads: notes, canned responses, labels, contacts, search.

import type { Channel, ConversationState } from './types';

/** An internal note: operators only, never sent to the customer. */
export interface NoteDto {
  id: number;
  conversationId: number;
  operatorId: number;
  operatorName: string;
  text: string;
  createdAt: string;
  mentions: number[];
}

/** A colleague mentioned me in a note. */
export interface MentionDto {
  noteId: number;
  conversationId: number;
  contactName: string;
  byOperatorId: number;
  byOperatorName: string;
  text: string;
}

export interface LabelDto {
  id: number;
  name: string;
  color: string;
}

export interface CannedResponseDto {
  id: number;
  shortcut: string;
  text: string;
  scope: 'Personal' | 'Team' | 'Shop';
  ownerOperatorId: number;
  team: string | null;
  usageCount: number;
}

export interface RenderedCannedResponse {
  id: number;
  text: string;
  /** Variables without a value: rendered empty, the operator is warned. */
  unknown: string[];
}

export interface IdentityDto {
  id: number;
  channel: Channel;
  handle: string;
  verified: boolean;
}

export interface EarlierConversationDto {
  id: number;
  channel: Channel;
  state: ConversationState;
  createdAt: string;
  lastMessageAt: string;
  preview: string | null;
  assignedOperatorId: number | null;
}

export interface WebSignalsDto {
  visitorId: string;
  currentPath: string | null;
  pageTrail: { path: string; title: string | null; at: string }[];
  cartValue: number | null;
  visits: number;
  firstSeen: string;
  lastSeen: string;
  language: string | null;
  browser: string | null;
  device: string | null;
  identity: string | null;
  online: boolean;
}

export interface ContactProfileDto {
  id: number;
  displayName: string;
  email: string | null;
  phone: string | null;
  about: string | null;
  createdAt: string;
  identities: IdentityDto[];
  labels: LabelDto[];
  conversations: EarlierConversationDto[];
  web: WebSignalsDto[];
  csat: { conversationId: number; score: number; comment: string | null; answeredAt: string }[];
  greeting: { ruleId: number; ruleName: string; text: string; at: string } | null;
  mergedIntoContactId: number | null;
}

export interface ContactSummaryDto {
  id: number;
  displayName: string;
  email: string | null;
  phone: string | null;
  identities: IdentityDto[];
  conversations: number;
  lastSeenAt: string | null;
}

export interface MergeSuggestionDto {
  contactId: number;
  contactName: string;
  otherContactId: number;
  otherContactName: string;
  reason: string;
  value: string;
  bothVerified: boolean;
}

export interface ContactMergeDto {
  id: number;
  survivorContactId: number;
  mergedContactId: number;
  mergedAt: string;
  undoneAt: string | null;
}

export interface SearchHit {
  kind: 'Message' | 'Note' | 'Contact';
  id: number;
  conversationId: number | null;
  contactId: number;
  contactName: string;
  channel: Channel | null;
  /** Plain text; matched words between \u0002 and \u0003. */
  snippet: string;
  at: string;
}

export interface SearchResults {
  hits: SearchHit[];
  contacts: SearchHit[];
  more: boolean;
}
