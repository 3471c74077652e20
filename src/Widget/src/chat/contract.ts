/** The hub's widget API, as the hub serializes it (camelCase JSON, enums as strings). */

/** POST /api/widget/visitor */
export interface VisitorSession {
  visitorId: string;
  token: string;
  /** True when the hub minted a new token (none was given, or the given one was not valid). */
  renewed: boolean;
  /** Whether the identity the page passed was verified (absent: none was passed). */
  identity?: 'Verified' | 'Unverified' | null;
}

/** GET /api/widget/config */
export interface WidgetConfig {
  title: string;
  greeting: string;
  maxMessageLength: number;
  /** The largest file the visitor may send (the hub answers 413 above it). */
  maxAttachmentBytes?: number;
  /** Content types the visitor may send (the hub answers 415 for others). */
  attachmentTypes?: string[];
}

/** A file of a message: signed, expiring links relative to the hub's address. */
export interface VisitorFile {
  url: string;
  thumbnailUrl: string | null;
  contentType: string;
  name: string | null;
  size: number | null;
}

export type Direction = 'visitor' | 'operator';

/** A message as the visitor sees it (server event MessageAdded, History results). */
export interface VisitorMessage {
  id: number;
  conversationId: number;
  direction: Direction;
  text: string;
  clientMessageId: string | null;
  createdAt: string;
  author: string | null;
  attachments?: VisitorFile[] | null;
}

/** Server event OperatorTyping: the operator answering is typing (or stopped). */
export interface OperatorTyping {
  conversationId: number;
  name: string;
  typing: boolean;
}

/** Result of the hub method Waiting: where the visitor's conversation stands (null: nothing waiting). */
export interface VisitorWait {
  conversationId: number;
  /** 1 = next; 0 = offered to or taken by {@link operator}. */
  position: number;
  predictedWaitSeconds: number | null;
  promiseSeconds: number;
  waitedSeconds: number;
  slipping: boolean;
  operator: string | null;
}

/** Argument of the hub method Send. */
export interface VisitorSend {
  clientMessageId: string;
  text: string;
}

/** Result of Send: the message is persisted. */
export interface VisitorAck {
  clientMessageId: string;
  conversationId: number;
  messageId: number;
  createdAt: string;
  duplicate: boolean;
}

/** Result of History(conversationId | null, afterMessageId). */
export interface VisitorHistory {
  conversationId: number | null;
  closed: boolean;
  messages: VisitorMessage[];
}

export const DEFAULT_CONFIG: WidgetConfig = {
  title: 'Chat with us',
  greeting: '',
  maxMessageLength: 4000,
  maxAttachmentBytes: 10 * 1024 * 1024,
  attachmentTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'],
};
