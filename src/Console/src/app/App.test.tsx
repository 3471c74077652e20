import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleHubHandlers } from '../realtime/connection';
import { SessionProvider } from '../auth/session';
import { conversation, fakeFetch, message, operator } from '../test/fixtures';
import { board, clock } from '../board/testData';
import { App } from './App';
import { BASE } from './router';

const hub = vi.hoisted(() => ({ handlers: null as ConsoleHubHandlers | null, beeps: 0 }));
vi.mock('../realtime/connection', () => ({
  connectConsoleHub: (handlers: ConsoleHubHandlers) => {
    hub.handlers = handlers;
    handlers.status('live');
    return { stop: async () => {} };
  },
}));
vi.mock('../realtime/beep', () => ({ beep: () => hub.beeps++ }));

let loggedIn = false;
let role = 'operator';
let mePresence: 'Offline' | 'Available' | 'Away' = 'Available';
let meDelay: Promise<void> = Promise.resolve();
let windowState: unknown = null;
let transferStatus = 200;
let claimStatus = 200;
let current = conversation();
const waiting = conversation({ id: 1, contactName: 'Ada', waitingSince: new Date(Date.now() - 65_000).toISOString() });

function setup() {
  const { fn, calls } = fakeFetch({
    'GET /api/auth/me': async () => {
      await meDelay;
      return loggedIn ? { status: 200, body: operator({ role, presence: mePresence }) } : { status: 401 };
    },
    'GET /api/sla/board': () => ({ status: 200, body: board(Date.now(), { atRisk: [clock(1, Date.now())] }) }),
    'GET /api/operators': () => ({
      status: 200,
      body: [operator({ role }), operator({ id: 2, displayName: 'Bea', presence: 'Available' }), operator({ id: 3, displayName: 'Carl', presence: 'Offline' })],
    }),
    'POST /api/conversations/1/transfer': (body) =>
      transferStatus === 200
        ? { status: 200, body: (current = { ...current, state: 'Assigned', assignedOperatorId: (body as { operatorId: number }).operatorId, waitingSince: null }) }
        : { status: 409, body: { title: 'Conflict', detail: 'Carl is offline.' } },
    'GET /api/conversations/1/timeline': () => ({
      status: 200,
      body: [
        { at: '2026-01-01T10:00:00Z', kind: 'Queued', operatorId: null, detail: null },
        { at: '2026-01-01T10:00:01Z', kind: 'Offered', operatorId: 2, detail: null },
        ...(current.assignedOperatorId === 2 ? [{ at: '2026-01-01T10:01:00Z', kind: 'Transferred', operatorId: 2, detail: 'from operator 1' }] : []),
      ],
    }),
    'GET /api/offers': () => ({ status: 200, body: [] }),
    'GET /api/conversations/1/window': () => (windowState ? { status: 200, body: windowState } : { status: 404 }),
    'POST /api/auth/login': (body) => {
      const { password } = body as { password: string };
      if (password !== 'demo-password') return { status: 401, body: { title: 'Unauthorized', detail: 'Wrong email or password.' } };
      loggedIn = true;
      return { status: 200, body: { operator: operator(), accessToken: 't', expiresAt: '2030-01-01T00:00:00Z' } };
    },
    'GET /api/conversations': (_, url) => {
      const view = new URLSearchParams(url.split('?')[1]).get('view');
      const shown = view === 'Waiting' ? current.state === 'Waiting' : view === 'Mine' ? current.state === 'Assigned' : current.state !== 'Closed';
      return { status: 200, body: shown ? [current] : [] };
    },
    'GET /api/conversations/1': () => ({ status: 200, body: current }),
    'GET /api/conversations/1/messages': () => ({ status: 200, body: [message({ id: 1, text: 'I need help' })] }),
    'POST /api/conversations/1/claim': () =>
      claimStatus === 200
        ? { status: 200, body: (current = { ...current, state: 'Assigned', assignedOperatorId: 1, waitingSince: null }) }
        : { status: 409, body: { title: 'Conflict', detail: 'Another operator already took this conversation.' } },
  });
  vi.stubGlobal('fetch', fn);
  render(
    <SessionProvider>
      <App />
    </SessionProvider>,
  );
  return calls;
}

beforeEach(() => {
  loggedIn = false;
  role = 'operator';
  mePresence = 'Available';
  meDelay = Promise.resolve();
  windowState = null;
  transferStatus = 200;
  claimStatus = 200;
  current = waiting;
  hub.handlers = null;
  hub.beeps = 0;
  window.localStorage.clear();
  window.history.replaceState(null, '', `${BASE}/`);
});
afterEach(() => vi.unstubAllGlobals());

describe('console app', () => {
  it('sends an anonymous visitor to login, shows the problem detail, then the inbox', async () => {
    setup();
    await screen.findByTestId('console-email');
    expect(window.location.pathname).toBe(`${BASE}/login`);
    await userEvent.type(screen.getByTestId('console-email'), 'operator@demo.local');
    await userEvent.type(screen.getByTestId('console-password'), 'nope');
    await userEvent.click(screen.getByTestId('console-login'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    await userEvent.clear(screen.getByTestId('console-password'));
    await userEvent.type(screen.getByTestId('console-password'), 'demo-password');
    await userEvent.click(screen.getByTestId('console-login'));
    const row = await screen.findByTestId('conversation-row');
    expect(row).toHaveAttribute('data-conversation-id', '1');
    expect(row).toHaveTextContent('Ada');
    expect(row).toHaveTextContent(/1m 0[5-9]s/);
    expect(window.location.pathname).toBe(`${BASE}/`);
  });

  it('adds a pushed new conversation with a sound and a highlight', async () => {
    loggedIn = true;
    setup();
    await screen.findByTestId('conversation-row');
    act(() => hub.handlers!.conversationChanged(conversation({ id: 2, contactName: 'Bob', waitingSince: new Date().toISOString() })));
    const rows = screen.getAllByTestId('conversation-row');
    expect(rows.map((r) => r.getAttribute('data-conversation-id'))).toEqual(['1', '2']);
    expect(rows[1]).toHaveClass('highlight');
    expect(hub.beeps).toBe(1);
  });

  it('opens a conversation, shows pushed messages once, and shows a claim conflict', async () => {
    loggedIn = true;
    claimStatus = 409;
    const calls = setup();
    await userEvent.click(await screen.findByTestId('conversation-row'));
    expect(window.location.pathname).toBe(`${BASE}/conversations/1`);
    await screen.findByText('I need help');
    act(() => {
      hub.handlers!.messageAdded(message({ id: 2, text: 'hello?' }));
      hub.handlers!.messageAdded(message({ id: 2, text: 'hello?' }));
    });
    const messages = screen.getAllByTestId('console-message');
    expect(messages).toHaveLength(2);
    expect(within(messages[1]!).getByText('hello?')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('claim-button'));
    expect(await screen.findByTestId('conversation-error')).toHaveTextContent('Another operator already took this conversation.');

    act(() => hub.handlers!.connected());
    await waitFor(() => expect(calls.some((c) => c.url === '/api/conversations/1/messages?after=2')).toBe(true));
  });

  it('refetches the list after a reconnect and drops what changed meanwhile', async () => {
    loggedIn = true;
    const calls = setup();
    await screen.findByTestId('conversation-row');
    const before = calls.filter((c) => c.url.startsWith('/api/conversations?')).length;
    current = { ...waiting, state: 'Closed', waitingSince: null };
    act(() => hub.handlers!.connected());
    await waitFor(() => expect(screen.queryByTestId('conversation-row')).toBeNull());
    expect(calls.filter((c) => c.url.startsWith('/api/conversations?')).length).toBe(before + 1);
    expect(screen.getByText('Nobody is waiting right now.')).toBeInTheDocument();
  });

  it('moves between inbox tabs with the arrow keys', async () => {
    loggedIn = true;
    setup();
    await screen.findByTestId('conversation-row');
    screen.getByTestId('inbox-tab-waiting').focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByTestId('inbox-tab-mine')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('inbox-tab-mine')).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByTestId('inbox-tab-closed')).toHaveAttribute('aria-selected', 'true');
  });

  it('claims and moves the conversation to Mine', async () => {
    loggedIn = true;
    setup();
    await userEvent.click(await screen.findByTestId('conversation-row'));
    await userEvent.click(await screen.findByTestId('claim-button'));
    expect(await screen.findByTestId('conversation-state')).toHaveTextContent('Assigned to you');
    expect(screen.queryByTestId('claim-button')).toBeNull();
    await userEvent.click(screen.getByTestId('inbox-tab-mine'));
    expect(await screen.findByTestId('conversation-row')).toHaveAttribute('data-conversation-id', '1');
  });

  it('routes /board for supervisors, with one live status and a top-bar link', async () => {
    loggedIn = true;
    role = 'supervisor';
    setup();
    await userEvent.click(await screen.findByTestId('nav-board'));
    expect(window.location.pathname).toBe(`${BASE}/board`);
    expect(await screen.findByTestId('clock-1')).toHaveAttribute('data-state', 'OnTrack');
    expect(screen.getAllByTestId('live-status')).toHaveLength(1);
    expect(screen.getByTestId('live-status')).toHaveTextContent('Live');
    // The board listens on the console's own link: a pushed breach shows without a second connection.
    act(() =>
      hub.handlers!.slaBreached!({
        id: 5, conversationId: 1, channel: 'WebChat', kind: 'FirstResponse', targetSeconds: 30, businessHours: false,
        startedAt: new Date().toISOString(), dueAt: new Date().toISOString(), raisedAt: new Date().toISOString(), operatorId: null, contactName: 'Ada',
      }),
    );
    expect(await screen.findByTestId('breach-1')).toBeInTheDocument();
  });

  it('tells an operator the board is for supervisors, and shows no board link', async () => {
    loggedIn = true;
    window.history.replaceState(null, '', `${BASE}/board`);
    setup();
    expect(await screen.findByTestId('board-forbidden')).toHaveTextContent(/supervisors only/i);
    expect(screen.queryByTestId('nav-board')).toBeNull();
  });

  it('shows the presence the hub pushed on connect, even when /api/auth/me answers later with a stale value', async () => {
    loggedIn = true;
    setup();
    await screen.findByTestId('conversation-row');
    let release!: () => void;
    meDelay = new Promise((r) => (release = r));
    mePresence = 'Offline';
    act(() => hub.handlers!.connected());
    act(() => hub.handlers!.presenceChanged(operator({ presence: 'Available' })));
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('presence-select')).toHaveValue('Available'));
    act(() => hub.handlers!.presenceChanged(operator({ presence: 'Away' })));
    expect(screen.getByTestId('presence-select')).toHaveValue('Away');
    // Someone else's change (supervisors get everyone's) does not move my selector.
    act(() => hub.handlers!.presenceChanged(operator({ id: 7, presence: 'Offline' })));
    expect(screen.getByTestId('presence-select')).toHaveValue('Away');
  });

  it('shows a supervisor alert as a toast with a sound, linking to the conversation', async () => {
    loggedIn = true;
    role = 'supervisor';
    setup();
    await screen.findByTestId('conversation-row');
    act(() =>
      hub.handlers!.supervisorAlert!({ conversationId: 1, channel: 'WebChat', contactName: 'Ada', waitingSince: new Date().toISOString(), reason: 'No operator answered in 25 s.' }),
    );
    const toast = screen.getByTestId('toast-supervisor-1');
    expect(toast).toHaveTextContent('Ada is waiting');
    expect(toast).toHaveTextContent('No operator answered in 25 s.');
    expect(hub.beeps).toBe(1);
    await userEvent.click(within(toast).getByTestId('toast-open'));
    expect(window.location.pathname).toBe(`${BASE}/conversations/1`);
    expect(screen.queryByTestId('toast-supervisor-1')).toBeNull();
  });

  it('marks at-risk and breached rows, and toasts a breach held by me', async () => {
    loggedIn = true;
    current = { ...waiting, state: 'Assigned', assignedOperatorId: 1, waitingSince: waiting.waitingSince };
    setup();
    await userEvent.click(await screen.findByTestId('inbox-tab-mine'));
    const row = await screen.findByTestId('conversation-row');
    act(() =>
      hub.handlers!.slaAtRisk!({
        conversationId: 1, channel: 'WebChat', kind: 'NextResponse', startedAt: '', atRiskAt: '', dueAt: new Date().toISOString(), raisedAt: '', assignedOperatorId: 1, contactName: 'Ada',
      }),
    );
    expect(row).toHaveAttribute('data-sla-alert', 'AtRisk');
    act(() =>
      hub.handlers!.slaBreached!({
        id: 8, conversationId: 1, channel: 'WebChat', kind: 'NextResponse', targetSeconds: 30, businessHours: false,
        startedAt: '', dueAt: new Date().toISOString(), raisedAt: '', operatorId: 1, contactName: 'Ada',
      }),
    );
    expect(screen.getByTestId('conversation-row')).toHaveAttribute('data-sla-alert', 'Breached');
    expect(screen.getByTestId('toast-breach-8')).toHaveTextContent('Promise missed: Ada');
  });

  it('shows the messaging window before typing, disables sending when closed, and refetches on a new inbound message', async () => {
    loggedIn = true;
    const closesAt = new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString();
    current = { ...waiting, channel: 'WhatsApp', state: 'Assigned', assignedOperatorId: 1 };
    windowState = { channel: 'WhatsApp', mode: 'Closed', lastInboundAt: null, closesAt: null, notice: 'The 24-hour WhatsApp window is closed.', canReply: false };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    const calls = setup();
    const notice = await screen.findByTestId('window-notice');
    expect(notice).toHaveAttribute('data-mode', 'Closed');
    expect(notice).toHaveTextContent('The 24-hour WhatsApp window is closed.');
    expect(screen.getByTestId('reply-input')).toBeDisabled();

    windowState = { channel: 'WhatsApp', mode: 'Open', lastInboundAt: new Date().toISOString(), closesAt, notice: null, canReply: true };
    act(() => hub.handlers!.messageAdded(message({ id: 5, channel: 'WhatsApp', text: 'back again' })));
    await waitFor(() => expect(screen.getByTestId('window-notice')).toHaveAttribute('data-mode', 'Open'));
    expect(screen.getByTestId('window-countdown')).toHaveTextContent(/2h 0[45]m/);
    expect(screen.getByTestId('reply-input')).toBeEnabled();
    expect(calls.filter((c) => c.url === '/api/conversations/1/window')).toHaveLength(2);
    // An outbound message does not ask again.
    act(() => hub.handlers!.messageAdded(message({ id: 6, channel: 'WhatsApp', direction: 'Outbound', text: 'hi' })));
    await act(async () => Promise.resolve());
    expect(calls.filter((c) => c.url === '/api/conversations/1/window')).toHaveLength(2);
  });

  it('explains template mode', async () => {
    loggedIn = true;
    current = { ...waiting, channel: 'WhatsApp', state: 'Assigned', assignedOperatorId: 1 };
    windowState = { channel: 'WhatsApp', mode: 'Template', lastInboundAt: null, closesAt: null, notice: 'Sent inside the approved template.', canReply: true };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    setup();
    const notice = await screen.findByTestId('window-notice');
    expect(notice).toHaveTextContent(/Template mode/);
    expect(screen.getByTestId('reply-input')).toBeEnabled();
  });

  it('transfers to a colleague (presence shown, 409 shown) and shows the routing history', async () => {
    loggedIn = true;
    current = { ...waiting, state: 'Assigned', assignedOperatorId: 1, waitingSince: null };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    setup();
    await userEvent.click(await screen.findByTestId('transfer-button'));
    const select = screen.getByTestId('transfer-select');
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Pick a colleague…', 'Bea — available', 'Carl — offline']);

    transferStatus = 409;
    await userEvent.selectOptions(select, '3');
    await userEvent.click(screen.getByTestId('transfer-submit'));
    expect(await screen.findByTestId('transfer-error')).toHaveTextContent('Carl is offline.');

    transferStatus = 200;
    await userEvent.selectOptions(screen.getByTestId('transfer-select'), '2');
    await userEvent.click(screen.getByTestId('transfer-submit'));
    expect(await screen.findByTestId('conversation-state')).toHaveTextContent('Assigned to Bea');
    expect(screen.queryByTestId('transfer-select')).toBeNull();

    await userEvent.click(within(screen.getByTestId('timeline')).getByText('Routing history'));
    await waitFor(() => expect(screen.getAllByTestId('timeline-entry')).toHaveLength(3));
    expect(screen.getAllByTestId('timeline-entry')[2]).toHaveTextContent('Transferred to Bea');
  });
});
