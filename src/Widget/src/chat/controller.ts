import { CHAT_KEY, TOKEN_KEY, type ChatState } from '../shared/keys';
import type { WidgetApi } from './api';
import { DEFAULT_CONFIG, type VisitorHistory, type VisitorMessage, type WidgetConfig } from './contract';
import { PendingQueue, type PendingMessage } from './pending';
import { readJson, writeJson, type KeyValueStore } from './storage';
import { Transcript, type ChatLine } from './transcript';
import { rejectionReason, type ChatTransport } from './transport';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface ControllerDeps {
  api: WidgetApi;
  /** Creates the realtime connection once; it asks for the current token on every (re)connect. */
  transport(token: () => string): ChatTransport;
  store: KeyValueStore;
  newId(): string;
  now?(): Date;
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
 * The widget's behaviour, free of DOM: session, connection with endless retry, history sync,
 * the persisted pending queue, de-duplication. The view only renders {@link lines} and calls
 * {@link send} / {@link retry}.
 *
 * Sync rule: after every (re)connect the chat asks History(conversationId, watermark) where the
 * watermark is the highest id returned by an earlier History call. Ids seen only through live
 * MessageAdded events do not advance it, because the hub may push an older id (an operator reply
 * leaving the outbox) after a newer one; re-fetching a few known messages is cheap and de-duplicated.
 */
export class ChatController {
  readonly transcript = new Transcript();
  readonly queue: PendingQueue;
  config: WidgetConfig = DEFAULT_CONFIG;
  status: ConnectionStatus = 'connecting';
  conversationId: number | null = null;
  closed = false;
  open = false;
  /** The conversation the operator just closed, while its satisfaction survey is shown; 'rated' once answered. */
  survey: { conversationId: number; rated: boolean } | null = null;

  private token: string | null;
  private transport: ChatTransport | null = null;
  private watermark = 0;
  private synced = false;
  private configLoaded = false;
  private connecting = false;
  private startAttempt = 0;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | null = null;
  private flushAgain = false;
  private stopped = false;

  constructor(
    private readonly deps: ControllerDeps,
    private readonly events: ControllerEvents,
  ) {
    this.queue = new PendingQueue(deps.store);
    this.token = deps.store.get(TOKEN_KEY);
    const state = readJson<Partial<ChatState>>(deps.store, CHAT_KEY, {});
    this.conversationId = typeof state.conversationId === 'number' ? state.conversationId : null;
    this.closed = state.closed === true;
    this.open = state.open === true;
    for (const pending of this.queue.list()) this.transcript.addPending(pending, 'sending');
  }

  lines(): ChatLine[] {
    return this.transcript.lines();
  }

  /** Starts (or restarts) the session and the connection; on failure retries with backoff, forever. */
  async connect(): Promise<void> {
    if (this.stopped || this.connecting || this.status === 'connected' || this.status === 'reconnecting') return;
    clearTimeout(this.startTimer);
    this.connecting = true;
    try {
      if (!this.configLoaded) void this.loadConfig();
      const session = await this.deps.api.session(this.token);
      if (session.renewed && this.token !== null) this.forgetConversation();
      this.token = session.token;
      this.deps.store.set(TOKEN_KEY, session.token);
      if (!this.transport) {
        this.transport = this.deps.transport(() => this.token ?? '');
        this.transport.on({
          messageAdded: (m) => this.onMessageAdded(m),
          conversationClosed: (id) => this.onConversationClosed(id),
          reconnecting: () => this.setStatus('reconnecting'),
          reconnected: () => {
            this.setStatus('connected');
            void this.afterConnected();
          },
          closed: () => {
            this.setStatus('offline');
            this.scheduleStart();
          },
        });
      }
      await this.transport.start();
      if (this.stopped) return;
      this.startAttempt = 0;
      this.setStatus('connected');
    } catch {
      this.setStatus('offline');
      this.scheduleStart();
      return;
    } finally {
      this.connecting = false;
    }
    await this.afterConnected();
  }

  /** Try to connect now (the browser came back online, the visitor pressed Retry). */
  retryNow(): void {
    if (this.status !== 'offline') return;
    this.startAttempt = 0;
    void this.connect();
  }

  /** Queues a message and sends it. Returns a reason to show the visitor when it cannot be sent. */
  send(text: string): string | null {
    const trimmed = text.trim();
    if (!trimmed) return 'Type a message first.';
    if (trimmed.length > this.config.maxMessageLength)
      return `The message is longer than ${this.config.maxMessageLength} characters.`;
    const pending: PendingMessage = {
      clientMessageId: this.deps.newId(),
      text: trimmed,
      createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
      attempts: 0,
    };
    this.queue.add(pending);
    // While the first connection is still being made it is simply "Sending…"; offline says so.
    const waiting = this.status === 'offline' || this.status === 'reconnecting';
    this.transcript.addPending(pending, waiting ? 'failed' : 'sending');
    this.events.changed();
    if (this.transport?.connected) void this.flush();
    else this.retryNow();
    return null;
  }

  /** The visitor asked to retry a message that is not sent yet. */
  retry(clientMessageId: string): void {
    if (!this.queue.get(clientMessageId)) return;
    if (this.transport?.connected) {
      clearTimeout(this.flushTimer);
      void this.flush();
    } else this.retryNow();
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.persist();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.startTimer);
    clearTimeout(this.flushTimer);
    await this.transport?.stop();
  }

  private async afterConnected(): Promise<void> {
    try {
      await this.sync();
    } catch {
      // The connection dropped mid-sync; the reconnect handlers run this again.
      return;
    }
    await this.flush();
  }

  /** Fetches what the panel does not show yet: the current conversation on page load, else what was missed. */
  private async sync(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    if (this.synced && this.conversationId !== null) {
      let history: VisitorHistory | null = null;
      try {
        history = await transport.history(this.conversationId, this.watermark);
      } catch (error) {
        if (!rejectionReason(error)) throw error; // not ours any more: fall back to the current one
      }
      if (history) this.applyHistory(history);
      // A closed conversation may have been followed by a new one (another tab) while we were away.
      if (history && !history.closed) return;
    }
    this.applyHistory(await transport.history(null, 0));
  }

  private applyHistory(history: VisitorHistory): void {
    if (history.conversationId === null) {
      if (this.conversationId !== null) this.forgetConversation();
    } else {
      this.conversationId = history.conversationId;
      this.closed = history.closed;
      for (const message of history.messages) {
        this.transcript.upsertStored(message);
        if (message.clientMessageId) this.queue.remove(message.clientMessageId);
        if (message.id > this.watermark) this.watermark = message.id;
      }
    }
    this.synced = true;
    this.persist();
    this.events.changed();
  }

  private onMessageAdded(message: VisitorMessage): void {
    if (this.conversationId === null || message.conversationId > this.conversationId) {
      this.conversationId = message.conversationId;
      this.closed = false;
      this.survey = null;
      this.persist();
    } else if (message.conversationId === this.conversationId && message.direction === 'visitor' && this.closed) {
      this.closed = false; // the visitor wrote again (another tab): the hub reopened it
      this.survey = null;
      this.persist();
    }
    const { line, added } = this.transcript.upsertStored(message);
    if (message.clientMessageId) this.queue.remove(message.clientMessageId);
    this.events.changed();
    if (added && line.direction === 'operator') this.events.operatorMessage(line);
  }

  /** Sends the survey answer; returns a reason to show when it could not be stored. */
  async rate(score: number, comment: string): Promise<string | null> {
    if (!this.survey || !this.token) return null;
    try {
      await this.deps.api.rate(this.token, this.survey.conversationId, score, comment.trim());
      this.survey = { ...this.survey, rated: true };
      this.events.changed();
      return null;
    } catch {
      return 'Your rating could not be sent. Please try again.';
    }
  }

  private onConversationClosed(conversationId: number): void {
    if (conversationId !== this.conversationId) return;
    this.closed = true;
    this.survey = { conversationId, rated: false };
    this.persist();
    this.events.changed();
  }

  /** Sends the pending queue in order, one message at a time; concurrent calls coalesce. */
  private flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.flushAgain = false;
        for (const pending of this.queue.list()) {
          if (!this.transport?.connected) {
            this.markWaiting();
            return;
          }
          if (!(await this.sendOne(this.transport, pending))) {
            this.markWaiting();
            // Connected but failing (the hub could not store it): try again later. Disconnected:
            // the reconnect handlers flush.
            if (this.transport.connected) this.scheduleFlush(pending.attempts);
            return;
          }
        }
      } while (this.flushAgain);
    })().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Returns false when the message is still pending (transport trouble). */
  private async sendOne(transport: ChatTransport, pending: PendingMessage): Promise<boolean> {
    this.transcript.addPending(pending, 'sending');
    this.transcript.setState(pending.clientMessageId, 'sending');
    this.events.changed();
    try {
      const ack = await transport.send({ clientMessageId: pending.clientMessageId, text: pending.text });
      this.queue.remove(pending.clientMessageId);
      this.transcript.acknowledge(ack, pending.text);
      // Writing to a closed conversation reopens it (or starts a new one): either way it is live.
      if (this.conversationId === null || ack.conversationId >= this.conversationId) {
        if (ack.conversationId !== this.conversationId) this.synced = true;
        this.conversationId = ack.conversationId;
        this.closed = false;
        this.survey = null;
      }
      this.persist();
      this.events.changed();
      return true;
    } catch (error) {
      const reason = rejectionReason(error);
      if (reason) {
        this.queue.remove(pending.clientMessageId);
        this.transcript.remove(pending.clientMessageId);
        this.events.changed();
        this.events.rejected(reason, pending.text);
        return true;
      }
      this.queue.recordFailure(pending.clientMessageId);
      pending.attempts += 1;
      this.transcript.setState(pending.clientMessageId, 'failed');
      this.events.changed();
      return false;
    }
  }

  private markWaiting(): void {
    let changed = false;
    for (const pending of this.queue.list()) {
      const line = this.transcript.addPending(pending, 'failed');
      if (line.state === 'sending') {
        line.state = 'failed';
        changed = true;
      }
    }
    if (changed) this.events.changed();
  }

  private scheduleStart(): void {
    if (this.stopped) return;
    clearTimeout(this.startTimer);
    this.markWaiting();
    const delay = (this.deps.backoff ?? defaultBackoff)(this.startAttempt++);
    this.startTimer = setTimeout(() => void this.connect(), delay);
  }

  private scheduleFlush(attempt: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => void this.flush(), (this.deps.backoff ?? defaultBackoff)(attempt));
  }

  private async loadConfig(): Promise<void> {
    try {
      const config = await this.deps.api.config();
      this.config = {
        title: config.title || DEFAULT_CONFIG.title,
        greeting: config.greeting ?? '',
        maxMessageLength: config.maxMessageLength > 0 ? config.maxMessageLength : DEFAULT_CONFIG.maxMessageLength,
      };
      this.configLoaded = true;
      this.events.changed();
    } catch {
      // Defaults stay; the next connect attempt asks again.
    }
  }

  /** The hub does not know this visitor any more (new token): start from a clean conversation. */
  private forgetConversation(): void {
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

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.events.changed();
  }

  private persist(): void {
    const state: ChatState = { conversationId: this.conversationId, closed: this.closed, open: this.open };
    writeJson(this.deps.store, CHAT_KEY, state);
  }
}
