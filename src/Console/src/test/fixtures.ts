import type { ConversationDto, MessageDto, OperatorDto } from '../api/types';

export const operator = (overrides: Partial<OperatorDto> = {}): OperatorDto => ({
  id: 1,
  email: 'operator@demo.local',
  displayName: 'Olivia Operator',
  role: 'operator',
  presence: 'Available',
  ...overrides,
});

export const conversation = (overrides: Partial<ConversationDto> = {}): ConversationDto => ({
  id: 1,
  channel: 'WebChat',
  state: 'Waiting',
  contactId: 10,
  contactName: 'Visitor 1',
  contactHandle: 'v-1',
  assignedOperatorId: null,
  createdAt: '2026-01-01T10:00:00Z',
  lastMessageAt: '2026-01-01T10:00:00Z',
  waitingSince: '2026-01-01T10:00:00Z',
  lastMessagePreview: 'hello',
  ...overrides,
});

export const message = (overrides: Partial<MessageDto> = {}): MessageDto => ({
  id: 1,
  conversationId: 1,
  channel: 'WebChat',
  direction: 'Inbound',
  text: 'hello',
  status: 'Delivered',
  statusReason: null,
  operatorId: null,
  clientMessageId: null,
  createdAt: '2026-01-01T10:00:00Z',
  isAutomated: false,
  attachments: [],
  ...overrides,
});

/** A fetch stub answering by "METHOD path" with a status and JSON body. */
export function fakeFetch(routes: Record<string, (body: unknown, url: string) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>>) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const route = routes[`${method} ${url}`] ?? routes[`${method} ${url.split('?')[0]}`];
    if (!route) return new Response(JSON.stringify({ title: 'Not found', detail: `No route ${method} ${url}`, status: 404 }), { status: 404 });
    const answer = await route(body, url);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  };
  return { fn, calls };
}
