import { TOKEN_KEY } from '../shared/keys';
import type { WidgetConfig } from './contract';
import { HistorySync } from './history';
import type { PendingQueue } from './pending';
import { Sender } from './sender';
import { ChatSession, type ConnectionStatus, type ControllerDeps, type ControllerEvents } from './session';
import { PanelExtras } from './survey';
import { Typing } from './typing';
import { Uploads } from './uploads';
import { WaitingInfo } from './waiting';
import type { ChatLine, Transcript } from './transcript';

export { defaultBackoff, type ConnectionStatus, type ControllerDeps, type ControllerEvents } from './session';

/**
 * The widget's behaviour, free of DOM: session, connection with endless retry, history sync,
 * the persisted pending queue, de-duplication. The view only renders {@link lines} and calls
 * {@link send} / {@link retry}.
 *
 * This class owns the session and connection lifecycle and composes the rest: the shared state
 * ({@link ChatSession}), sending and the pending queue ({@link Sender}), history catch-up and live
 * messages ({@link HistorySync}), config and the satisfaction survey ({@link PanelExtras}).
 *
 * Sync rule: after every (re)connect the chat asks History(conversationId, watermark) where the
 * watermark is the highest id returned by an earlier History call. Ids seen only through live
 * MessageAdded events do not advance it, because the hub may push an older id (an operator reply
 * leaving the outbox) after a newer one; re-fetching a few known messages is cheap and de-duplicated.
 */
export class ChatController {
  private readonly session: ChatSession;
  private readonly sender: Sender;
  private readonly history: HistorySync;
  private readonly extras: PanelExtras;
  private readonly typingState: Typing;
  private readonly waitingInfo: WaitingInfo;
  private readonly uploads: Uploads | null;
  private connecting = false;
  private warned = false;
  private startAttempt = 0;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private syncTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deps: ControllerDeps, events: ControllerEvents) {
    this.session = new ChatSession(deps, events);
    this.sender = new Sender(this.session, () => this.retryNow());
    this.history = new HistorySync(this.session);
    this.extras = new PanelExtras(this.session);
    this.typingState = new Typing(this.session);
    this.waitingInfo = new WaitingInfo(this.session);
    const upload = deps.upload;
    this.uploads = upload ? new Uploads(this.session, (r) => upload(r), (ack, text) => this.sender.accepted(ack, text)) : null;
  }

  /** Whether the visitor can send files here. */
  get canSendFiles(): boolean {
    return this.uploads !== null;
  }

  /** Sends a file the visitor picked, dropped or pasted. Returns a reason to show when it cannot be sent. */
  sendFile(file: File): string | null {
    return this.uploads?.send(file) ?? null;
  }

  get transcript(): Transcript {
    return this.session.transcript;
  }
  get queue(): PendingQueue {
    return this.session.queue;
  }
  get config(): WidgetConfig {
    return this.session.config;
  }
  set config(config: WidgetConfig) {
    this.session.config = config;
  }
  get status(): ConnectionStatus {
    return this.session.status;
  }
  get conversationId(): number | null {
    return this.session.conversationId;
  }
  get closed(): boolean {
    return this.session.closed;
  }
  get open(): boolean {
    return this.session.open;
  }
  /** The conversation the operator just closed, while its satisfaction survey is shown; 'rated' once answered. */
  get survey(): { conversationId: number; rated: boolean } | null {
    return this.session.survey;
  }

  lines(): ChatLine[] {
    return this.session.transcript.lines();
  }

  /** Starts (or restarts) the session and the connection; on failure retries with backoff, forever. */
  async connect(): Promise<void> {
    const s = this.session;
    if (s.stopped || this.connecting || s.status === 'connected' || s.status === 'reconnecting') return;
    clearTimeout(this.startTimer);
    this.connecting = true;
    try {
      this.extras.loadConfigOnce();
      const identity = s.deps.identity?.();
      const session = await s.deps.api.session(s.token, identity);
      if (identity !== undefined && session.identity !== 'Verified' && !this.warned)
        (this.warned = true), console.warn('Omnichannel: the identity given to the widget is missing a valid signature; it is ignored (see the widget embedding docs).');
      if (session.renewed && s.token !== null) s.forgetConversation();
      s.token = session.token;
      s.deps.store.set(TOKEN_KEY, session.token);
      if (!s.transport) {
        s.transport = s.deps.transport(() => s.token ?? '');
        s.transport.on({
          messageAdded: (m) => {
            if (m.direction === 'operator') this.typingState.showOperator(null);
            this.history.onMessageAdded(m);
            this.waitingInfo.refresh();
          },
          operatorTyping: (t) => this.typingState.onOperatorTyping(t),
          waitChanged: (w) => this.waitingInfo.pushed(w),
          conversationClosed: (id) => this.extras.onConversationClosed(id),
          reconnecting: () => s.setStatus('reconnecting'),
          reconnected: () => {
            s.setStatus('connected');
            void this.afterConnected();
          },
          closed: () => {
            s.setStatus('offline');
            this.scheduleStart();
          },
        });
      }
      await s.transport.start();
      if (s.stopped) return;
      this.startAttempt = 0;
      s.setStatus('connected');
    } catch {
      s.setStatus('offline');
      this.scheduleStart();
      return;
    } finally {
      this.connecting = false;
    }
    await this.afterConnected();
  }

  /** Try to connect now (the browser came back online, the visitor pressed Retry). */
  retryNow(): void {
    if (this.session.status !== 'offline') return;
    this.startAttempt = 0;
    void this.connect();
  }

  /** Queues a message and sends it. Returns a reason to show the visitor when it cannot be sent. */
  send(text: string): string | null {
    return this.sender.send(text);
  }

  /** The visitor's draft changed (throttled to one event per 2 s on the way to operators). */
  typing(draft: string): void {
    this.typingState.update(draft);
  }

  /** Where the visitor stands while their message waits for a first answer (honest words), or null. */
  get waitingText(): string | null {
    return this.waitingInfo.text();
  }

  /** The operator typing now (display name), or null. */
  get operatorTyping(): string | null {
    return this.typingState.operator;
  }

  /** The visitor asked to retry a message that is not sent yet. */
  retry(clientMessageId: string): void {
    if (this.uploads?.has(clientMessageId)) this.uploads.retry(clientMessageId);
    else this.sender.retry(clientMessageId);
  }

  /** Sends the survey answer; returns a reason to show when it could not be stored. */
  rate(score: number, comment: string): Promise<string | null> {
    return this.extras.rate(score, comment);
  }

  setOpen(open: boolean): void {
    this.session.open = open;
    this.session.persist();
  }

  async stop(): Promise<void> {
    this.session.stopped = true;
    clearTimeout(this.startTimer);
    clearTimeout(this.syncTimer);
    this.sender.stop();
    this.typingState.stop();
    this.waitingInfo.stop();
    await this.session.transport?.stop();
  }

  private async afterConnected(attempt = 0): Promise<void> {
    clearTimeout(this.syncTimer);
    try {
      await this.history.sync();
      this.waitingInfo.refresh();
    } catch {
      // The connection dropped mid-sync: the reconnect handlers run this again. Still connected (the hub could not
      // answer this time, e.g. on a busy moment): ask again after a backoff, so the transcript never stays empty.
      if (!this.session.stopped && this.session.transport?.connected)
        this.syncTimer = setTimeout(() => void this.afterConnected(attempt + 1), this.session.backoff(attempt));
      return;
    }
    await this.sender.flush();
  }

  private scheduleStart(): void {
    if (this.session.stopped) return;
    clearTimeout(this.startTimer);
    this.sender.markWaiting();
    const delay = this.session.backoff(this.startAttempt++);
    this.startTimer = setTimeout(() => void this.connect(), delay);
  }
}
