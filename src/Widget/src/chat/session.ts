import { CHAT_KEY, TOKEN_KEY, type ChatState } from '../shared/keys';
import type { WidgetApi } from './api';
import type { VisitorAck } from './contract';
import type { UploadRequest } from './upload-http';
import { DEFAULT_CONFIG, type WidgetConfig } from './contract';
import { PendingQueue } from './pending';
import { readJson, writeJson, type KeyValueStore } from './storage';
import { Transcript, type ChatLine } from './transcript';
import type { ChatTransport } from './transport';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ControllerDeps {
  api: WidgetApi;
  /** Creates the realtime connection once; it asks for the current token on every (re)connect. */
  transport(token: () => string): ChatTransport;
  store: KeyValueStore;
  newId(): string;
  /** The logged-in customer the page passed (window.Omnichannel.identity), signed by the shop's server. */
  identity?(): unknown;
  now?(): Date;
  /** Sends a file the visitor picked (POST /api/widget/attachments); absent: files cannot be sent. */
  upload?(request: UploadRequest): Promise<VisitorAck>;
  /** Delay before the n-th (0-based) retry of a failed start or send. */
  backoff?(attempt: number): number;
}

export interface ControllerEvents {
  /** Anything shown changed: lines, status, conversation state, config. */
  changed(): void;
  /** The hub refused a message (reason is safe to show); the text goes back into the input. */
  rejected(reason: string, text: string): void;
  /** A new operator message arrived live (for an unread badge). */
  operatorMessage(line: ChatLine): void;
}

/** Exponential backoff with jitter, 1 s up to 30 s. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/**
 * The state the controller's parts share (connection, sending, history catch-up, survey): the
 * transcript, the persisted pending queue and conversation state, the token and the transport.
 */
export class ChatSession {
  readonly transcript = new Transcript();
  readonly queue: PendingQueue;
  config: WidgetConfig = DEFAULT_CONFIG;
  status: ConnectionStatus = 'connecting';
  conversationId: number | null = null;
  closed = false;
  open = false;
  /** The conversation the operator just closed, while its satisfaction survey is shown; 'rated' once answered. */
  survey: { conversationId: number; rated: boolean } | null = null;
  token: string | null;
  transport: ChatTransport | null = null;
  /** The highest id returned by a History call (see {@link ChatController}). */
  watermark = 0;
  synced = false;
  stopped = false;

  constructor(
    readonly deps: ControllerDeps,
    readonly events: ControllerEvents,
  ) {
    this.queue = new PendingQueue(deps.store);
    this.token = deps.store.get(TOKEN_KEY);
    const state = readJson<Partial<ChatState>>(deps.store, CHAT_KEY, {});
    this.conversationId = typeof state.conversationId === 'number' ? state.conversationId : null;
    this.closed = state.closed === true;
    this.open = state.open === true;
    const survey = state.survey;
    if (survey && typeof survey.conversationId === 'number' && survey.conversationId === this.conversationId && this.closed)
      this.survey = { conversationId: survey.conversationId, rated: survey.rated === true };
    for (const pending of this.queue.list()) this.transcript.addPending(pending, 'sending');
  }

  backoff(attempt: number): number {
    return (this.deps.backoff ?? defaultBackoff)(attempt);
  }

  setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.events.changed();
  }

  /** The hub does not know this visitor any more (new token): start from a clean conversation. */
  forgetConversation(): void {
    this.conversationId = null;
    this.closed = false;
    this.survey = null;
    this.synced = false;
    this.watermark = 0;
    this.transcript.clear();
    for (const pending of this.queue.list()) this.transcript.addPending(pending, 'failed');
    this.persist();
    this.events.changed();
  }

  persist(): void {
    const state: ChatState = { conversationId: this.conversationId, closed: this.closed, open: this.open, survey: this.survey };
    writeJson(this.deps.store, CHAT_KEY, state);
  }
}
