// Inbox tabs, opening a conversation, claiming and the claim conflict.
// './testing' comes first: it registers the module mocks before the app is loaded.
import { fake, hub, installAppFakes, setup } from './testing';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { message } from '../test/fixtures';
import { BASE } from './router';

installAppFakes();

describe('console app', () => {
  it('opens a conversation, shows pushed messages once, and shows a claim conflict', async () => {
    fake.loggedIn = true;
    fake.claimStatus = 409;
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

  it('moves between inbox tabs with the arrow keys', async () => {
    fake.loggedIn = true;
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
    fake.loggedIn = true;
    setup();
    await userEvent.click(await screen.findByTestId('conversation-row'));
    await userEvent.click(await screen.findByTestId('claim-button'));
    expect(await screen.findByTestId('conversation-state')).toHaveTextContent('Assigned to you');
    expect(screen.queryByTestId('claim-button')).toBeNull();
    await userEvent.click(screen.getByTestId('inbox-tab-mine'));
    expect(await screen.findByTestId('conversation-row')).toHaveAttribute('data-conversation-id', '1');
  });
});
