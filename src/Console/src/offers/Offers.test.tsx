import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfferDto } from '../api/types';
import type { ConsoleHubHandlers } from '../realtime/connection';
import { ConsoleProvider } from '../state/ConsoleProvider';
import { conversation, fakeFetch, operator } from '../test/fixtures';
import { BASE } from '../app/router';
import { Offers } from './Offers';

const offer = (overrides: Partial<OfferDto> = {}): OfferDto => ({
  id: 7,
  conversationId: 3,
  operatorId: 1,
  channel: 'WebChat',
  contactName: 'Visitor 9',
  preview: 'can you help?',
  offeredAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 20_000).toISOString(),
  broadcast: false,
  state: 'Pending',
  ...overrides,
});

let handlers: ConsoleHubHandlers;
const connect = (h: ConsoleHubHandlers) => {
  handlers = h;
  return { stop: async () => {} };
};

function setup(acceptStatus = 200) {
  const { fn, calls } = fakeFetch({
    'POST /api/offers/7/accept': () =>
      acceptStatus === 200
        ? { status: 200, body: conversation({ id: 3, state: 'Assigned', assignedOperatorId: 1 }) }
        : { status: 409, body: { title: 'Conflict', detail: 'Another operator already took this conversation.' } },
    'POST /api/offers/7/decline': () => ({ status: 200, body: true }),
  });
  vi.stubGlobal('fetch', fn);
  const playSound = vi.fn();
  render(
    <ConsoleProvider me={operator()} connect={connect} playSound={playSound}>
      <Offers />
    </ConsoleProvider>,
  );
  return { calls, playSound };
}

beforeEach(() => window.history.replaceState(null, '', `${BASE}/`));
afterEach(() => vi.unstubAllGlobals());

describe('Offers', () => {
  it('alerts once for a new offer and hides it when withdrawn', () => {
    const { playSound } = setup();
    act(() => handlers.offerMade(offer()));
    act(() => handlers.offerMade(offer()));
    expect(screen.getByTestId('offer-card')).toHaveTextContent('Visitor 9');
    expect(screen.getByTestId('offer-card')).toHaveTextContent(/\d+s left to accept/);
    expect(playSound).toHaveBeenCalledOnce();
    act(() => handlers.offerWithdrawn(offer({ state: 'Expired' })));
    expect(screen.queryByTestId('offer-card')).toBeNull();
  });

  it('accepting opens the conversation', async () => {
    const { calls } = setup();
    act(() => handlers.offerMade(offer()));
    await userEvent.click(screen.getByTestId('offer-accept'));
    await waitFor(() => expect(window.location.pathname).toBe(`${BASE}/conversations/3`));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain('POST /api/offers/7/accept');
    expect(screen.queryByTestId('offer-card')).toBeNull();
  });

  it('shows why an accept was refused', async () => {
    setup(409);
    act(() => handlers.offerMade(offer()));
    await userEvent.click(screen.getByTestId('offer-accept'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Another operator already took this conversation.');
  });

  it('passing declines the offer', async () => {
    const { calls } = setup();
    act(() => handlers.offerMade(offer()));
    await userEvent.click(screen.getByTestId('offer-decline'));
    await waitFor(() => expect(screen.queryByTestId('offer-card')).toBeNull());
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain('POST /api/offers/7/decline');
  });
});
