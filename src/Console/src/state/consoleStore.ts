import type { ConversationDto, MessageDto, MessageStatusDto, NoteDto, OfferDto } from '../api/types';

/** Everything the console knows, merged from REST fetches and live pushes (upserts, deduped by id). */
export interface ConsoleState {
  conversations: Record<number, ConversationDto>;
  /** Messages per conversation, ordered by id. */
  messages: Record<number, MessageDto[]>;
  /** Internal notes per conversation, ordered by id. */
  notes: Record<number, NoteDto[]>;
  /** Conversations that just arrived in the queue (flash in the list). */
  highlighted: Record<number, true>;
  /** Open offers to this operator, by offer id. */
  offers: Record<number, OfferDto>;
  /** Conversations the hub flagged at risk / breached (SlaAtRisk / SlaBreached); cleared once the clock stops. */
  slaAlerts: Record<number, SlaAlertMark>;
  /** Bumped after each (re)connection of the live hub: views refetch what they show. */
  syncGeneration: number;
}

export type SlaAlertMark = 'AtRisk' | 'Breached';

export const initialState: ConsoleState = { conversations: {}, messages: {}, notes: {}, highlighted: {}, offers: {}, slaAlerts: {}, syncGeneration: 0 };

export type ConsoleAction =
  | { type: 'conversationsLoaded'; conversations: ConversationDto[]; staleIds?: number[] }
  | { type: 'conversationUpserted'; conversation: ConversationDto }
  | { type: 'messagesLoaded'; conversationId: number; messages: MessageDto[] }
  | { type: 'messageUpserted'; message: MessageDto }
  | { type: 'messageStatusChanged'; status: MessageStatusDto }
  | { type: 'notesLoaded'; conversationId: number; notes: NoteDto[] }
  | { type: 'noteUpserted'; note: NoteDto }
  | { type: 'highlightCleared'; conversationId: number }
  | { type: 'offersLoaded'; offers: OfferDto[] }
  | { type: 'offerChanged'; offer: OfferDto }
  | { type: 'slaAlerted'; conversationId: number; mark: SlaAlertMark }
  | { type: 'synced' }
  | { type: 'reset' };

/** A conversation that was not in the queue before and is now: worth a sound and a highlight. */
export function isNewlyWaiting(previous: ConversationDto | undefined, next: ConversationDto): boolean {
  return next.state === 'Waiting' && previous?.state !== 'Waiting';
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'conversationsLoaded': {
      const conversations = { ...state.conversations };
      // Shown in this view locally but no longer returned by the hub: changed while we were offline.
      for (const id of action.staleIds ?? []) delete conversations[id];
      for (const c of action.conversations) conversations[c.id] = newer(conversations[c.id], c);
      return { ...state, conversations };
    }
    case 'conversationUpserted': {
      const c = action.conversation;
      const previous = state.conversations[c.id];
      const highlighted = isNewlyWaiting(previous, c) ? { ...state.highlighted, [c.id]: true as const } : state.highlighted;
      let slaAlerts = state.slaAlerts;
      // Answered or closed: the clock stopped (or restarted on track), the mark goes.
      if (slaAlerts[c.id] && (c.state === 'Closed' || c.slaState === 'None' || c.slaState === 'OnTrack' || (c.slaState === undefined && !c.waitingSince))) {
        slaAlerts = { ...slaAlerts };
        delete slaAlerts[c.id];
      }
      return { ...state, conversations: { ...state.conversations, [c.id]: newer(previous, c) }, highlighted, slaAlerts };
    }
    case 'messagesLoaded':
      return withMessages(state, action.conversationId, mergeMessages(state.messages[action.conversationId], action.messages));
    case 'messageUpserted':
      return withMessages(state, action.message.conversationId, mergeMessages(state.messages[action.message.conversationId], [action.message]));
    case 'messageStatusChanged': {
      const { conversationId, messageId, status, reason } = action.status;
      const list = state.messages[conversationId];
      if (!list?.some((m) => m.id === messageId)) return state;
      return withMessages(state, conversationId, list.map((m) => (m.id === messageId ? { ...m, status, statusReason: reason } : m)));
    }
    case 'notesLoaded':
      return { ...state, notes: { ...state.notes, [action.conversationId]: mergeById(state.notes[action.conversationId], action.notes) } };
    case 'noteUpserted':
      return { ...state, notes: { ...state.notes, [action.note.conversationId]: mergeById(state.notes[action.note.conversationId], [action.note]) } };
    case 'highlightCleared': {
      if (!state.highlighted[action.conversationId]) return state;
      const highlighted = { ...state.highlighted };
      delete highlighted[action.conversationId];
      return { ...state, highlighted };
    }
    case 'offersLoaded':
      return { ...state, offers: Object.fromEntries(action.offers.filter((o) => o.state === 'Pending').map((o) => [o.id, o])) };
    case 'offerChanged': {
      const offers = { ...state.offers };
      if (action.offer.state === 'Pending') offers[action.offer.id] = action.offer;
      else delete offers[action.offer.id];
      return { ...state, offers };
    }
    case 'slaAlerted': {
      // Breached wins over a late at-risk push.
      if (state.slaAlerts[action.conversationId] === 'Breached' && action.mark === 'AtRisk') return state;
      return { ...state, slaAlerts: { ...state.slaAlerts, [action.conversationId]: action.mark } };
    }
    case 'synced':
      return { ...state, syncGeneration: state.syncGeneration + 1 };
    case 'reset':
      return initialState;
  }
}

/** Pushes and fetches can cross: never let an older snapshot of a conversation replace a newer one. */
function newer(previous: ConversationDto | undefined, incoming: ConversationDto): ConversationDto {
  // Pushes that do not carry labels keep the ones we know.
  const next = incoming.labelIds == null && previous?.labelIds != null ? { ...incoming, labelIds: previous.labelIds } : incoming;
  if (previous && Date.parse(previous.lastMessageAt) > Date.parse(next.lastMessageAt)) return { ...next, lastMessageAt: previous.lastMessageAt, lastMessagePreview: previous.lastMessagePreview };
  return next;
}

function withMessages(state: ConsoleState, conversationId: number, list: MessageDto[]): ConsoleState {
  return { ...state, messages: { ...state.messages, [conversationId]: list } };
}

/**
 * Upserts by id, keeping id order. The reply's HTTP answer (Pending) can arrive after the pushed
 * Sent/Delivered status, so a Pending copy never overwrites a status that moved on. (A retry sets
 * Pending explicitly through messageStatusChanged.)
 */
export function mergeMessages(existing: MessageDto[] | undefined, incoming: MessageDto[]): MessageDto[] {
  const byId = new Map<number, MessageDto>();
  for (const m of existing ?? []) byId.set(m.id, m);
  for (const m of incoming) {
    const old = byId.get(m.id);
    byId.set(m.id, old && m.status === 'Pending' && old.status !== 'Pending' ? { ...m, status: old.status, statusReason: old.statusReason } : m);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function lastMessageId(list: MessageDto[] | undefined): number {
  return list && list.length > 0 ? list[list.length - 1]!.id : 0;
}

function mergeById<T extends { id: number }>(existing: T[] | undefined, incoming: T[]): T[] {
  const byId = new Map<number, T>();
  for (const x of existing ?? []) byId.set(x.id, x);
  for (const x of incoming) byId.set(x.id, x);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
