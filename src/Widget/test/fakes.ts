import type { WidgetApi } from '../src/chat/api';
import type { VisitorAck, VisitorHistory, VisitorMessage, VisitorSend } from '../src/chat/contract';
import type { ChatTransport, TransportHandlers } from '../src/chat/transport';
import { UploadError, type UploadRequest } from '../src/chat/upload-http';

/** An in-memory hub with the real hub's rules: stores a client message id once, refuses empty/long text. */
export class FakeHub {
  messages: VisitorMessage[] = [];
  conversations = new Map<number, { closed: boolean }>();
  nextMessageId = 100;
  nextConversationId = 1;
  online = true;
  /** Store the message but lose the ack (the connection drops right after persisting). */
  loseNextAck = false;
  validTokens = new Set<string>(['token-1']);
  sessions = 0;
  transports: FakeTransport[] = [];
  historyCalls: Array<[number | null, number]> = [];
  /** History calls still to fail as a busy hub fails them (a server error while the connection stays up). */
  failHistory = 0;
  sendCalls: VisitorSend[] = [];

  api: WidgetApi = {
    session: async (token) => {
      if (!this.online) throw new Error('Failed to fetch');
      this.sessions++;
      if (token && this.validTokens.has(token)) return { visitorId: 'v_1', token, renewed: false };
      const fresh = `token-${this.validTokens.size + 1}`;
      this.validTokens.add(fresh);
      return { visitorId: 'v_x', token: fresh, renewed: true };
    },
    config: async () => {
      if (!this.online) throw new Error('Failed to fetch');
      return { title: 'Northwind help', greeting: 'Hi there!', maxMessageLength: 20 };
    },
    rate: async (token, conversationId, score, comment) => {
      if (!this.online) throw new Error('Failed to fetch');
      this.ratings.push({ token, conversationId, score, comment });
    },
  };
  ratings: Array<{ token: string; conversationId: number; score: number; comment: string }> = [];

  transport = (token: () => string): ChatTransport => {
    const t = new FakeTransport(this, token);
    this.transports.push(t);
    return t;
  };

  get current(): FakeTransport {
    return this.transports[this.transports.length - 1]!;
  }

  currentConversation(): number | null {
    const ids = [...this.conversations.keys()];
    return ids.length ? Math.max(...ids) : null;
  }

  /** Like the real hub: a closed conversation the visitor writes to again is reopened. */
  reopenClosed = true;

  store(direction: 'visitor' | 'operator', text: string, clientMessageId: string | null): VisitorMessage {
    let conversationId = this.currentConversation();
    if (conversationId !== null && this.conversations.get(conversationId)!.closed && this.reopenClosed)
      this.conversations.get(conversationId)!.closed = false;
    if (conversationId === null || this.conversations.get(conversationId)!.closed) {
      conversationId = this.nextConversationId++;
      this.conversations.set(conversationId, { closed: false });
    }
    const message: VisitorMessage = {
      id: this.nextMessageId++,
      conversationId,
      direction,
      text,
      clientMessageId,
      createdAt: new Date().toISOString(),
      author: direction === 'operator' ? 'Ana' : null,
    };
    this.messages.push(message);
    return message;
  }

  /** Upload calls as the hub saw them; the next ones fail with these statuses first (0: the network broke). */
  uploadCalls: Array<{ clientMessageId: string; name: string; size: number }> = [];
  uploadFailures: number[] = [];

  /** Like POST /api/widget/attachments: limits of 1 MB and images/PDF, stored once per client id, echoed live. */
  upload = async (request: UploadRequest): Promise<VisitorAck> => {
    this.uploadCalls.push({ clientMessageId: request.clientMessageId, name: request.name, size: request.file.size });
    request.onProgress(0.5);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const failure = this.uploadFailures.shift();
    if (failure !== undefined) throw new UploadError(failure);
    if (request.file.size > 1024 * 1024) throw new UploadError(413);
    if (!/^(image\/(png|jpeg)|application\/pdf)$/.test(request.file.type)) throw new UploadError(415);
    const existing = this.messages.find((m) => m.clientMessageId === request.clientMessageId);
    const stored = existing ?? this.store('visitor', `📎 ${request.name}`, request.clientMessageId);
    stored.attachments = [{ url: `/media/out/t${stored.id}`, thumbnailUrl: request.file.type.startsWith('image/') ? `/media/out/t${stored.id}/thumb` : null, contentType: request.file.type, name: request.name, size: request.file.size }];
    request.onProgress(1);
    if (!existing && this.current?.connected) this.current.handlers.messageAdded(stored);
    return { clientMessageId: request.clientMessageId, conversationId: stored.conversationId, messageId: stored.id, createdAt: stored.createdAt, duplicate: !!existing };
  };

  /** An operator replies; pushed live when connected, otherwise only stored. */
  reply(text: string): VisitorMessage {
    const message = this.store('operator', text, null);
    if (this.current?.connected) this.current.handlers.messageAdded(message);
    return message;
  }

  close(conversationId: number): void {
    this.conversations.get(conversationId)!.closed = true;
    if (this.current?.connected) this.current.handlers.conversationClosed(conversationId);
  }

  /** The network drops: the client starts reconnecting. */
  drop(): void {
    this.online = false;
    const t = this.current;
    t.connected = false;
    t.handlers.reconnecting();
  }

  /** The network is back and the automatic reconnect succeeds. */
  restore(): void {
    this.online = true;
    const t = this.current;
    t.connected = true;
    t.handlers.reconnected();
  }
}

export class FakeTransport implements ChatTransport {
  connected = false;
  handlers!: TransportHandlers;
  starts = 0;

  constructor(
    private readonly hub: FakeHub,
    readonly token: () => string,
  ) {}

  on(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  async start(): Promise<void> {
    this.starts++;
    if (!this.hub.online) throw new Error('Failed to complete negotiation with the server: TypeError: Failed to fetch');
    if (!this.hub.validTokens.has(this.token())) throw new Error('Unauthorized: Status code 401');
    this.connected = true;
  }

  async stop(): Promise<void> {
    this.connected = false;
  }

  typingCalls: string[] = [];
  waitAnswer: import('../src/chat/contract').VisitorWait | null = null;

  async waiting(): Promise<import('../src/chat/contract').VisitorWait | null> {
    return this.waitAnswer;
  }

  async typing(draft: string): Promise<void> {
    this.typingCalls.push(draft);
  }

  async send(message: VisitorSend): Promise<VisitorAck> {
    this.hub.sendCalls.push(message);
    await new Promise((resolve) => setTimeout(resolve, 0)); // a network round trip is never synchronous
    if (!this.connected) throw new Error("Cannot send data if the connection is not in the 'Connected' State.");
    const text = message.text.trim();
    if (!text) throw new Error("An unexpected error occurred invoking 'Send' on the server. HubException: The message is empty.");
    if (text.length > 20)
      throw new Error("An unexpected error occurred invoking 'Send' on the server. HubException: The message is longer than 20 characters.");
    const existing = this.hub.messages.find((m) => m.clientMessageId === message.clientMessageId);
    const stored = existing ?? this.hub.store('visitor', text, message.clientMessageId);
    if (this.hub.loseNextAck) {
      // Persisted, but the connection broke before the ack (and the echo) got through.
      this.hub.loseNextAck = false;
      throw new Error('Invocation canceled due to the underlying connection being closed.');
    }
    if (!existing) this.handlers.messageAdded(stored); // the hub echoes to all the visitor's widgets
    return {
      clientMessageId: message.clientMessageId,
      conversationId: stored.conversationId,
      messageId: stored.id,
      createdAt: stored.createdAt,
      duplicate: !!existing,
    };
  }

  async history(conversationId: number | null, afterMessageId: number): Promise<VisitorHistory> {
    this.hub.historyCalls.push([conversationId, afterMessageId]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!this.connected) throw new Error('Invocation canceled due to the underlying connection being closed.');
    if (this.hub.failHistory > 0) {
      this.hub.failHistory--;
      throw new Error("An unexpected error occurred invoking 'History' on the server.");
    }
    const id = conversationId ?? this.hub.currentConversation();
    if (id === null) return { conversationId: null, closed: false, messages: [] };
    return {
      conversationId: id,
      closed: this.hub.conversations.get(id)!.closed,
      messages: this.hub.messages.filter((m) => m.conversationId === id && m.id > afterMessageId),
    };
  }
}
