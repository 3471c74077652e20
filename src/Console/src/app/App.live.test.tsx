// Live pushes over the hub link, reconnect catch-up, presence, alerts and SLA marks.
// './testing' comes first: it registers the module mocks before the app is loaded.
import { fake, hub, installAppFakes, setup, waiting } from './testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { conversation, operator } from '../test/fixtures';
import { BASE } from './router';

installAppFakes();

describe('console app', () => {
  it('adds a pushed new conversation with a sound and a highlight', async () => {
    fake.loggedIn = true;
    setup();
    await screen.findByTestId('conversation-row');
    act(() => hub.handlers!.conversationChanged(conversation({ id: 2, contactName: 'Bob', waitingSince: new Date().toISOString() })));
    const rows = screen.getAllByTestId('conversation-row');
    expect(rows.map((r) => r.getAttribute('data-conversation-id'))).toEqual(['1', '2']);
    expect(rows[1]).toHaveClass('highlight');
    expect(hub.beeps).toBe(1);
  });

  it('refetches the list after a reconnect and drops what changed meanwhile', async () => {
    fake.loggedIn = true;
    const calls = setup();
    await screen.findByTestId('conversation-row');
    const before = calls.filter((c) => c.url.startsWith('/api/conversations?')).length;
    fake.current = { ...waiting, state: 'Closed', waitingSince: null };
    act(() => hub.handlers!.connected());
    await waitFor(() => expect(screen.queryByTestId('conversation-row')).toBeNull());
    expect(calls.filter((c) => c.url.startsWith('/api/conversations?')).length).toBe(before + 1);
    expect(screen.getByText('Nobody is waiting right now.')).toBeInTheDocument();
  });

  it('shows the presence the hub pushed on connect, even when /api/auth/me answers later with a stale value', async () => {
    fake.loggedIn = true;
    setup();
    await screen.findByTestId('conversation-row');
    let release!: () => void;
    fake.meDelay = new Promise((r) => (release = r));
    fake.mePresence = 'Offline';
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
    fake.loggedIn = true;
    fake.role = 'supervisor';
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
    fake.loggedIn = true;
    fake.current = { ...waiting, state: 'Assigned', assignedOperatorId: 1, waitingSince: waiting.waitingSince };
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
});
