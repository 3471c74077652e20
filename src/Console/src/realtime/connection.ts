import { HubConnectionBuilder, HubConnectionState, LogLevel } from '@microsoft/signalr';
import type { ConversationDto, MentionDto, MessageDto, NoteDto, MessageStatusDto, OfferDto, OperatorDto, SupervisorAlertDto, WhisperDto } from '../api/types';
import type { BreachDto, SlaAlertDto } from '../board/types';
import { announceVisitorTyping, type VisitorTypingDto } from '../conversation/typing';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface ConsoleHubHandlers {
  conversationChanged(conversation: ConversationDto): void;
  messageAdded(message: MessageDto): void;
  messageStatusChanged(status: MessageStatusDto): void;
  /** Routing offers this operator a conversation; withdrawn when taken elsewhere, expired or cancelled. */
  offerMade(offer: OfferDto): void;
  offerWithdrawn(offer: OfferDto): void;
  /** This operator's presence (or, for supervisors, anyone's) changed. */
  presenceChanged(operator: OperatorDto): void;
  /** Supervisors only: a web chat is about to miss its promise. */
  supervisorAlert?(alert: SupervisorAlertDto): void;
  /** A clock turned at risk (to supervisors and the operator holding the conversation). */
  slaAtRisk?(alert: SlaAlertDto): void;
  /** A promise was broken (to supervisors and the operator holding the conversation). */
  slaBreached?(breach: BreachDto): void;
  /** Supervisors: something on the SLA board moved. */
  boardChanged?(): void;
  /** An internal note was written (operators only). */
  noteAdded?(note: NoteDto): void;
  /** A colleague mentioned me in a note. */
  mentioned?(mention: MentionDto): void;
  /** A supervisor's whisper on a conversation (to its operator and the supervisors; never to the customer). */
  whisper?(whisper: WhisperDto): void;
  /** After the first connect and after every reconnect: refetch what may have been missed. */
  connected(): void;
  status(status: LiveStatus): void;
}

export interface ConsoleHubLink {
  stop(): Promise<void>;
  /** Tells the hub whether this console is on screen (off-screen operators also get Web Push / Telegram alerts). */
  setVisibility?(visible: boolean): Promise<void>;
}

/** Opens the live link; tests pass a fake one to the provider instead. */
export type ConsoleHubConnector = (handlers: ConsoleHubHandlers) => ConsoleHubLink;

const DELAYS_MS = [0, 1000, 2000, 5000, 10000, 20000, 30000];
const delay = (attempt: number) => DELAYS_MS[Math.min(attempt, DELAYS_MS.length - 1)]!;

/** /hubs/console with the operator's cookie (same origin); reconnects forever, with back-off. */
export const connectConsoleHub: ConsoleHubConnector = (handlers) => {
  const connection = new HubConnectionBuilder()
    .withUrl('/hubs/console')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => delay(context.previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build();

  connection.on('ConversationChanged', (c: ConversationDto) => handlers.conversationChanged(c));
  connection.on('MessageAdded', (m: MessageDto) => handlers.messageAdded(m));
  connection.on('MessageStatusChanged', (s: MessageStatusDto) => handlers.messageStatusChanged(s));
  // A customer edit or reaction: the same message, changed in place.
  connection.on('MessageUpdated', (m: MessageDto) => handlers.messageAdded(m));
  connection.on('OfferMade', (o: OfferDto) => handlers.offerMade(o));
  connection.on('OfferWithdrawn', (o: OfferDto) => handlers.offerWithdrawn(o));
  connection.on('PresenceChanged', (op: OperatorDto) => handlers.presenceChanged(op));
  connection.on('SupervisorAlert', (a: SupervisorAlertDto) => handlers.supervisorAlert?.(a));
  connection.on('SlaAtRisk', (a: SlaAlertDto) => handlers.slaAtRisk?.(a));
  connection.on('SlaBreached', (b: BreachDto) => handlers.slaBreached?.(b));
  connection.on('BoardChanged', () => handlers.boardChanged?.());
  connection.on('VisitorTyping', (t: VisitorTypingDto) => announceVisitorTyping(t));
  connection.on('NoteAdded', (n: NoteDto) => handlers.noteAdded?.(n));
  connection.on('Mentioned', (m: MentionDto) => handlers.mentioned?.(m));
  connection.on('Whisper', (w: WhisperDto) => handlers.whisper?.(w));
  connection.onreconnecting(() => handlers.status('reconnecting'));
  const setVisibility = async (visible: boolean) => {
    if (connection.state !== HubConnectionState.Connected) return;
    try {
      await connection.invoke('SetVisibility', visible);
    } catch {
      // Dropped mid-call: the next (re)connect reports visibility again.
    }
  };
  // docs/alerts.md: report whether the console is on screen right after each (re)connect and on every change.
  const reportVisibility = () => void setVisibility(typeof document === 'undefined' || document.visibilityState === 'visible');
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', reportVisibility);

  connection.onreconnected(() => {
    reportVisibility();
    handlers.status('live');
    handlers.connected();
  });

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const start = async () => {
    if (stopped) return;
    handlers.status(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      await connection.start();
      if (stopped) return;
      attempt = 0;
      reportVisibility();
      handlers.status('live');
      handlers.connected();
    } catch {
      if (stopped) return;
      handlers.status('offline');
      timer = setTimeout(() => void start(), delay(++attempt) || 1000);
    }
  };

  // Automatic reconnect gave up or the server closed the connection: start over.
  connection.onclose(() => {
    if (stopped) return;
    handlers.status('offline');
    timer = setTimeout(() => void start(), delay(++attempt) || 1000);
  });

  void start();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', reportVisibility);
      await connection.stop();
    },
    setVisibility,
  };
};
