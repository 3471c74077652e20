import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { OperatorTyping, VisitorWait, VisitorAck, VisitorHistory, VisitorMessage, VisitorSend } from './contract';

/** What the chat needs from the realtime connection; the SignalR one below, a fake in tests. */
export interface ChatTransport {
  readonly connected: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  send(message: VisitorSend): Promise<VisitorAck>;
  history(conversationId: number | null, afterMessageId: number): Promise<VisitorHistory>;
  /** The visitor's draft (empty: stopped typing); the hub passes it on to operators, throttled, never stored. */
  typing?(draft: string): Promise<void>;
  /** Where the visitor's conversation stands while it waits for a person. */
  waiting?(): Promise<VisitorWait | null>;
  on(handlers: TransportHandlers): void;
}

export interface TransportHandlers {
  messageAdded(message: VisitorMessage): void;
  conversationClosed(conversationId: number): void;
  operatorTyping?(typing: OperatorTyping): void;
  /** Routing moved the visitor's waiting conversation (offered, taken, queued). */
  waitChanged?(wait: VisitorWait): void;
  reconnecting(): void;
  reconnected(): void;
  /** The connection is gone for good (automatic reconnect gave up, or the hub closed it). */
  closed(error?: Error): void;
}

/** Automatic reconnect delays; after the last one the connection closes and the chat starts over
 * (fresh session, so an expired token is renewed) with its own endless backoff. */
export const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, 10000, 15000, 30000];

export function signalRTransport(hubUrl: string, token: () => string): ChatTransport {
  const connection: HubConnection = new HubConnectionBuilder()
    // No cookies (the shop is another origin; the token is the visitor's identity). WebSockets first, then Server-Sent Events, then long polling (the client's default order).
    .withUrl(`${hubUrl}/hubs/visitor`, { accessTokenFactory: token, withCredentials: false })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (context) => RECONNECT_DELAYS_MS[context.previousRetryCount] ?? null,
    })
    .configureLogging(LogLevel.Warning)
    .build();

  return {
    get connected() {
      return connection.state === HubConnectionState.Connected;
    },
    async start() {
      if (connection.state === HubConnectionState.Disconnected) await connection.start();
      else if (connection.state !== HubConnectionState.Connected) throw new Error(`The connection is ${connection.state}.`);
    },
    stop: () => connection.stop(),
    send: (message) => connection.invoke<VisitorAck>('Send', message),
    history: (conversationId, afterMessageId) => connection.invoke<VisitorHistory>('History', conversationId, afterMessageId),
    typing: (draft) => connection.send('Typing', draft),
    waiting: () => connection.invoke<VisitorWait | null>('Waiting'),
    on(handlers) {
      connection.on('MessageAdded', (message: VisitorMessage) => handlers.messageAdded(message));
      connection.on('ConversationClosed', (conversationId: number) => handlers.conversationClosed(conversationId));
      connection.on('OperatorTyping', (typing: OperatorTyping) => handlers.operatorTyping?.(typing));
      connection.on('WaitChanged', (wait: VisitorWait) => handlers.waitChanged?.(wait));
      connection.onreconnecting(() => handlers.reconnecting());
      connection.onreconnected(() => handlers.reconnected());
      connection.onclose((error) => handlers.closed(error));
    },
  };
}

/**
 * The hub reports refusals (empty text, too long, …) as HubException, which reaches the client as
 * "An unexpected error occurred invoking 'Send' on the server. HubException: <reason>". Returns the
 * reason, safe to show the visitor, or null for anything else (transport trouble: retry).
 */
export function rejectionReason(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = /HubException: ([\s\S]*)$/.exec(message);
  return match?.[1]?.trim() || null;
}
