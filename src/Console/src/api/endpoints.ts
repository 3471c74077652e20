import { request } from './http';
import type {
  CannedResponseDto,
  ContactMergeDto,
  ContactProfileDto,
  ContactSummaryDto,
  LabelDto,
  MergeSuggestionDto,
  RenderedCannedResponse,
  SearchResults,
  Channel, ChannelStateDto, ConversationDto, InboxView, LoginResponse, MessageDto, NoteDto, OfferDto, OperatorDto, Presence, TimelineDto, WindowStateDto } from './types';

const id = (n: number) => encodeURIComponent(String(n));

export const api = {
  login: (email: string, password: string) => request<LoginResponse>('POST', '/api/auth/login', { email, password }),
  me: () => request<OperatorDto>('GET', '/api/auth/me'),
  logout: () => request<void>('POST', '/api/auth/logout'),
  operators: () => request<OperatorDto[]>('GET', '/api/operators'),

  conversations: (view: InboxView, channel?: Channel | null, filters: { label?: number | null; offset?: number } = {}) => {
    // The hub binds the enum by name: send "Waiting", not "waiting".
    const query = new URLSearchParams({ view: view.charAt(0).toUpperCase() + view.slice(1) });
    if (channel) query.set('channel', channel);
    if (filters.label) query.set('label', String(filters.label));
    if (filters.offset) query.set('offset', String(filters.offset));
    return request<ConversationDto[]>('GET', `/api/conversations?${query.toString()}`);
  },
  conversation: (conversationId: number) => request<ConversationDto>('GET', `/api/conversations/${id(conversationId)}`),
  messages: (conversationId: number, after = 0) =>
    request<MessageDto[]>('GET', `/api/conversations/${id(conversationId)}/messages?after=${after}`),
  reply: (conversationId: number, text: string, clientMessageId: string, attachments: readonly string[] = []) =>
    request<MessageDto>(
      'POST',
      `/api/conversations/${id(conversationId)}/reply`,
      attachments.length > 0 ? { text, clientMessageId, attachments } : { text, clientMessageId },
    ),
  claim: (conversationId: number) => request<ConversationDto>('POST', `/api/conversations/${id(conversationId)}/claim`),
  close: (conversationId: number) => request<ConversationDto>('POST', `/api/conversations/${id(conversationId)}/close`),
  window: (conversationId: number) => request<WindowStateDto>('GET', `/api/conversations/${id(conversationId)}/window`),
  timeline: (conversationId: number) => request<TimelineDto[]>('GET', `/api/conversations/${id(conversationId)}/timeline`),
  transfer: (conversationId: number, operatorId: number) =>
    request<ConversationDto>('POST', `/api/conversations/${id(conversationId)}/transfer`, { operatorId }),
  channels: () => request<ChannelStateDto[]>('GET', '/api/channels'),
  notes: (conversationId: number) => request<NoteDto[]>('GET', `/api/conversations/${id(conversationId)}/notes`),
  addNote: (conversationId: number, text: string) => request<NoteDto>('POST', `/api/conversations/${id(conversationId)}/notes`, { text }),
  customer: (conversationId: number) => request<ContactProfileDto>('GET', `/api/conversations/${id(conversationId)}/customer`),
  contact: (contactId: number) => request<ContactProfileDto>('GET', `/api/contacts/${id(contactId)}`),
  updateContact: (contactId: number, fields: { displayName?: string; email?: string; phone?: string; about?: string }) =>
    request<ContactProfileDto>('PUT', `/api/contacts/${id(contactId)}`, fields),
  contacts: (q: string) => request<ContactSummaryDto[]>('GET', `/api/contacts?q=${encodeURIComponent(q)}`),
  mergeSuggestions: () => request<MergeSuggestionDto[]>('GET', '/api/contacts/merge-suggestions'),
  mergeContacts: (survivorId: number, otherContactId: number) => request<ContactMergeDto>('POST', `/api/contacts/${id(survivorId)}/merge`, { otherContactId }),
  undoMerge: (mergeId: number) => request<ContactMergeDto>('POST', `/api/contacts/merges/${id(mergeId)}/undo`),
  /** GDPR (admins): a zip of everything about the contact; erase on all channels (audited). */
  contactExportUrl: (contactId: number) => `/api/contacts/${id(contactId)}/export`,
  eraseContact: (contactId: number) => request<unknown>('POST', `/api/contacts/${id(contactId)}/erase`),
  labels: () => request<LabelDto[]>('GET', '/api/labels'),
  setConversationLabels: (conversationId: number, labelIds: number[]) => request<LabelDto[]>('PUT', `/api/conversations/${id(conversationId)}/labels`, { labelIds }),
  bulk: (conversationIds: number[], action: 'Close' | 'Label', labelId?: number) =>
    request<{ done: number[]; failed: Record<string, string> }>('POST', '/api/conversations/bulk', { conversationIds, action, labelId }),
  canned: (q = '') => request<CannedResponseDto[]>('GET', `/api/canned-responses?q=${encodeURIComponent(q)}`),
  renderCanned: (cannedId: number, conversationId: number) => request<RenderedCannedResponse>('POST', `/api/canned-responses/${id(cannedId)}/render`, { conversationId }),
  search: (params: URLSearchParams) => request<SearchResults>('GET', `/api/search?${params.toString()}`),
  retry: (messageId: number) => request<MessageDto>('POST', `/api/messages/${id(messageId)}/retry`),

  offers: () => request<OfferDto[]>('GET', '/api/offers'),
  acceptOffer: (offerId: number) => request<ConversationDto>('POST', `/api/offers/${id(offerId)}/accept`),
  declineOffer: (offerId: number) => request<boolean>('POST', `/api/offers/${id(offerId)}/decline`),
  setPresence: (presence: Presence) => request<OperatorDto>('PUT', '/api/operators/me/presence', { presence }),
};

/** The whole history after a message id; the hub pages by 1000. */
export async function allMessagesAfter(conversationId: number, after: number): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  let cursor = after;
  for (;;) {
    const page = await api.messages(conversationId, cursor);
    all.push(...page);
    if (page.length < 1000) return all;
    cursor = page[page.length - 1]!.id;
  }
}
