// The conversation pane: messaging window, template mode, transfer and routing history.
// './testing' comes first: it registers the module mocks before the app is loaded.
import { fake, hub, installAppFakes, setup, waiting } from './testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures';
import { BASE } from './router';

installAppFakes();

describe('console app', () => {
  it('shows the messaging window before typing, disables sending when closed, and refetches on a new inbound message', async () => {
    fake.loggedIn = true;
    const closesAt = new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString();
    fake.current = { ...waiting, channel: 'WhatsApp', state: 'Assigned', assignedOperatorId: 1 };
    fake.windowState = { channel: 'WhatsApp', mode: 'Closed', lastInboundAt: null, closesAt: null, notice: 'The 24-hour WhatsApp window is closed.', canReply: false };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    const calls = setup();
    const notice = await screen.findByTestId('window-notice');
    expect(notice).toHaveAttribute('data-mode', 'Closed');
    expect(notice).toHaveTextContent('The 24-hour WhatsApp window is closed.');
    expect(screen.getByTestId('reply-input')).toBeDisabled();

    fake.windowState = { channel: 'WhatsApp', mode: 'Open', lastInboundAt: new Date().toISOString(), closesAt, notice: null, canReply: true };
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
    fake.loggedIn = true;
    fake.current = { ...waiting, channel: 'WhatsApp', state: 'Assigned', assignedOperatorId: 1 };
    fake.windowState = { channel: 'WhatsApp', mode: 'Template', lastInboundAt: null, closesAt: null, notice: 'Sent inside the approved template.', canReply: true };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    setup();
    const notice = await screen.findByTestId('window-notice');
    expect(notice).toHaveTextContent(/Template mode/);
    expect(screen.getByTestId('reply-input')).toBeEnabled();
  });

  it('transfers to a colleague (presence shown, 409 shown) and shows the routing history', async () => {
    fake.loggedIn = true;
    fake.current = { ...waiting, state: 'Assigned', assignedOperatorId: 1, waitingSince: null };
    window.history.replaceState(null, '', `${BASE}/conversations/1`);
    setup();
    await userEvent.click(await screen.findByTestId('transfer-button'));
    const select = screen.getByTestId('transfer-select');
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(3));
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Pick a colleague…', 'Bea — available', 'Carl — offline']);

    fake.transferStatus = 409;
    await userEvent.selectOptions(select, '3');
    await userEvent.click(screen.getByTestId('transfer-submit'));
    expect(await screen.findByTestId('transfer-error')).toHaveTextContent('Carl is offline.');

    fake.transferStatus = 200;
    await userEvent.selectOptions(screen.getByTestId('transfer-select'), '2');
    await userEvent.click(screen.getByTestId('transfer-submit'));
    expect(await screen.findByTestId('conversation-state')).toHaveTextContent('Assigned to Bea');
    expect(screen.queryByTestId('transfer-select')).toBeNull();

    await userEvent.click(within(screen.getByTestId('timeline')).getByText('Routing history'));
    await waitFor(() => expect(screen.getAllByTestId('timeline-entry')).toHaveLength(3));
    expect(screen.getAllByTestId('timeline-entry')[2]).toHaveTextContent('Transferred to Bea');
  });
});
