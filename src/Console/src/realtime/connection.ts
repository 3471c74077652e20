import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import type { ConversationDto, MessageDto, MessageStatusDto, OfferDto, OperatorDto } from '../api/types';

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
  /** After the first connect and after every reconnect: refetch what may have been missed. */
  connected(): void;
  status(status: LiveStatus): void;
}

export interface ConsoleHubLink {
  stop(): Promise<void>;
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
  connection.on('OfferMade', (o: OfferDto) => handlers.offerMade(o));
  connection.on('OfferWithdrawn', (o: OfferDto) => handlers.offerWithdrawn(o));
  connection.on('PresenceChanged', (op: OperatorDto) => handlers.presenceChanged(op));
  // For the SLA board: the inbox runs its countdowns from the conversations' SLA fields. Registered so the
  // client does not warn about events it has no handler for.
  for (const name of ['SupervisorAlert', 'SlaAtRisk', 'SlaBreached', 'BoardChanged']) connection.on(name, () => {});
  connection.onreconnecting(() => handlers.status('reconnecting'));
  connection.onreconnected(() => {
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
      await connection.stop();
    },
  };
};
