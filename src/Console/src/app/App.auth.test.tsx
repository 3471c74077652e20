// Login redirect and role-based routing (the supervisors-only board).
// './testing' comes first: it registers the module mocks before the app is loaded.
import { fake, hub, installAppFakes, setup } from './testing';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BASE } from './router';

installAppFakes();

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

  it('routes /board for supervisors, with one live status and a top-bar link', async () => {
    fake.loggedIn = true;
    fake.role = 'supervisor';
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
    fake.loggedIn = true;
    window.history.replaceState(null, '', `${BASE}/board`);
    setup();
    expect(await screen.findByTestId('board-forbidden')).toHaveTextContent(/supervisors only/i);
    expect(screen.queryByTestId('nav-board')).toBeNull();
  });

  it('gives the read-only analytics role the board and the reports, and nothing to answer with', async () => {
    fake.loggedIn = true;
    fake.role = 'analyst';
    const calls = setup();
    // Home is the reports: the inbox is not theirs.
    await screen.findByTestId('nav-reports');
    expect(window.location.pathname).toBe(`${BASE}/reports`);
    const nav = within(screen.getByRole('navigation', { name: 'Pages' })).getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(nav).toEqual([`${BASE}/board`, `${BASE}/reports`]);
    for (const id of ['nav-inbox', 'nav-search', 'nav-contacts', 'nav-engagement', 'nav-settings', 'nav-admin', 'presence-select', 'sound-toggle', 'live-status'])
      expect(screen.queryByTestId(id)).toBeNull();
    // Typed or bookmarked operator pages send them back to the reports.
    for (const page of ['/conversations/1', '/', '/search', '/contacts', '/engagement', '/settings']) {
      act(() => {
        window.history.pushState(null, '', `${BASE}${page}`);
        window.dispatchEvent(new PopStateEvent('popstate'));
      });
      await act(async () => {});
      expect(window.location.pathname).toBe(`${BASE}/reports`);
    }
    // The board reads, without the supervisor's actions; no live link (it would make them available for offers).
    await userEvent.click(screen.getByTestId('nav-board'));
    expect(await screen.findByTestId('clock-1')).toBeInTheDocument();
    expect(screen.queryByTestId('board-forbidden')).toBeNull();
    expect(hub.handlers).toBeNull();
    expect(calls.filter((c) => /\/api\/(conversations|offers|operators\/me\/presence)/.test(c.url))).toEqual([]);
  });
});
