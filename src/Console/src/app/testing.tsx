// Shared fakes for the App tests (App.*.test.tsx): a fake hub link, a fake API and a render helper.
// The module mocks are registered here, so a test file must import this module before anything that
// pulls in the app (it renders <App /> itself through setup()).
import { render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { ConsoleHubHandlers } from '../realtime/connection';
import { SessionProvider } from '../auth/session';
import { conversation, fakeFetch, message, operator } from '../test/fixtures';
import { board, clock } from '../board/testData';
import { App } from './App';
import { BASE } from './router';

// vi.hoisted values cannot be exported in place; the export sits below.
const hub = vi.hoisted(() => ({ handlers: null as ConsoleHubHandlers | null, beeps: 0 }));
export { hub };
vi.mock('../realtime/connection', () => ({
  connectConsoleHub: (handlers: ConsoleHubHandlers) => {
    hub.handlers = handlers;
    handlers.status('live');
    return { stop: async () => {} };
  },
}));
vi.mock('../realtime/beep', () => ({ beep: () => hub.beeps++ }));

export const waiting = conversation({ id: 1, contactName: 'Ada', waitingSince: new Date(Date.now() - 65_000).toISOString() });

/** What the fake API answers; tests change it, installAppFakes() resets it before each test. */
export const fake = {
  loggedIn: false,
  role: 'operator',
  mePresence: 'Available' as 'Offline' | 'Available' | 'Away',
  meDelay: Promise.resolve() as Promise<void>,
  windowState: null as unknown,
  transferStatus: 200,
  claimStatus: 200,
  current: conversation(),
};

export function setup() {
  const { fn, calls } = fakeFetch({
    'GET /api/auth/me': async () => {
      await fake.meDelay;
      return fake.loggedIn ? { status: 200, body: operator({ role: fake.role, presence: fake.mePresence }) } : { status: 401 };
    },
    'GET /api/sla/board': () => ({ status: 200, body: board(Date.now(), { atRisk: [clock(1, Date.now())] }) }),
    'GET /api/operators': () => ({
      status: 200,
      body: [operator({ role: fake.role }), operator({ id: 2, displayName: 'Bea', presence: 'Available' }), operator({ id: 3, displayName: 'Carl', presence: 'Offline' })],
    }),
    'POST /api/conversations/1/transfer': (body) =>
      fake.transferStatus === 200
        ? { status: 200, body: (fake.current = { ...fake.current, state: 'Assigned', assignedOperatorId: (body as { operatorId: number }).operatorId, waitingSince: null }) }
        : { status: 409, body: { title: 'Conflict', detail: 'Carl is offline.' } },
    'GET /api/conversations/1/timeline': () => ({
      status: 200,
      body: [
        { at: '2026-01-01T10:00:00Z', kind: 'Queued', operatorId: null, detail: null },
        { at: '2026-01-01T10:00:01Z', kind: 'Offered', operatorId: 2, detail: null },
        ...(fake.current.assignedOperatorId === 2 ? [{ at: '2026-01-01T10:01:00Z', kind: 'Transferred', operatorId: 2, detail: 'from operator 1' }] : []),
      ],
    }),
    'GET /api/offers': () => ({ status: 200, body: [] }),
    'GET /api/conversations/1/window': () => (fake.windowState ? { status: 200, body: fake.windowState } : { status: 404 }),
    'POST /api/auth/login': (body) => {
      const { password } = body as { password: string };
      if (password !== 'demo-password') return { status: 401, body: { title: 'Unauthorized', detail: 'Wrong email or password.' } };
      fake.loggedIn = true;
      return { status: 200, body: { operator: operator(), accessToken: 't', expiresAt: '2030-01-01T00:00:00Z' } };
    },
    'GET /api/conversations': (_, url) => {
      const view = new URLSearchParams(url.split('?')[1]).get('view');
      const current = fake.current;
      const shown = view === 'Waiting' ? current.state === 'Waiting' : view === 'Mine' ? current.state === 'Assigned' : current.state !== 'Closed';
      return { status: 200, body: shown ? [current] : [] };
    },
    'GET /api/conversations/1': () => ({ status: 200, body: fake.current }),
    'GET /api/conversations/1/messages': () => ({ status: 200, body: [message({ id: 1, text: 'I need help' })] }),
    'POST /api/conversations/1/claim': () =>
      fake.claimStatus === 200
        ? { status: 200, body: (fake.current = { ...fake.current, state: 'Assigned', assignedOperatorId: 1, waitingSince: null }) }
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

/** Registers the per-test reset of the fakes; call once at the top of each App.*.test.tsx. */
export function installAppFakes() {
  beforeEach(() => {
    fake.loggedIn = false;
    fake.role = 'operator';
    fake.mePresence = 'Available';
    fake.meDelay = Promise.resolve();
    fake.windowState = null;
    fake.transferStatus = 200;
    fake.claimStatus = 200;
    fake.current = waiting;
    hub.handlers = null;
    hub.beeps = 0;
    window.localStorage.clear();
    window.history.replaceState(null, '', `${BASE}/`);
  });
  afterEach(() => vi.unstubAllGlobals());
}
