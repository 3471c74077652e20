import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CannedResponseDto, NoteDto } from '../api/types';
import { message } from '../test/fixtures';
import { ReplyBox } from './ReplyBox';

const canned: CannedResponseDto[] = [
  { id: 1, shortcut: 'thanks', text: 'Thanks {{contact.name}}!', scope: 'Shop', ownerOperatorId: 1, team: null, usageCount: 3 },
  { id: 2, shortcut: 'refund', text: 'Refund {{order.number}} done', scope: 'Personal', ownerOperatorId: 1, team: null, usageCount: 1 },
];

describe('ReplyBox: canned responses and notes, keyboard only', () => {
  it('inserts a canned response with "/", arrows and Enter, and warns about an unknown variable', async () => {
    const render_ = vi.fn(async (id: number) => (id === 2 ? { id, text: 'Refund done', unknown: ['order.number'] } : { id, text: 'Thanks Mia!', unknown: [] }));
    const send = vi.fn(async () => message({ id: 9, direction: 'Outbound' }));
    render(<ReplyBox conversationId={3} disabled={false} onSent={() => {}} send={send} loadCanned={async () => canned} renderCanned={render_} />);
    const input = screen.getByTestId('reply-input');

    await userEvent.type(input, 'Hi. /');
    expect(await screen.findAllByTestId('canned-option')).toHaveLength(2);
    await userEvent.type(input, '{ArrowDown}{Enter}');

    await waitFor(() => expect(input).toHaveValue('Hi. Refund done'));
    expect(render_).toHaveBeenCalledWith(2, 3);
    expect(screen.getByTestId('reply-warning')).toHaveTextContent('{{order.number}}');
    expect(send).not.toHaveBeenCalled();
    await userEvent.type(input, '{Enter}');
    expect(send).toHaveBeenCalledWith(3, 'Hi. Refund done', expect.any(String));
  });

  it('Escape closes the list and leaves the text as typed', async () => {
    render(<ReplyBox conversationId={3} disabled={false} onSent={() => {}} loadCanned={async () => canned} renderCanned={vi.fn()} />);
    const input = screen.getByTestId('reply-input');
    await userEvent.type(input, '/tha');
    expect(await screen.findAllByTestId('canned-option')).toHaveLength(1);
    await userEvent.type(input, '{Escape}');
    expect(screen.queryByTestId('canned-menu')).toBeNull();
    expect(input).toHaveValue('/tha');
  });

  it('Alt+N switches to a note, which is added even when a reply is not possible', async () => {
    const note: NoteDto = { id: 4, conversationId: 3, operatorId: 1, operatorName: 'Olivia', text: 'call back', createdAt: '2026-01-01T10:00:00Z', mentions: [] };
    const addNote = vi.fn(async () => note);
    const onNote = vi.fn();
    const send = vi.fn();
    render(<ReplyBox conversationId={3} disabled={true} disabledReason="closed" onSent={() => {}} onNote={onNote} send={send} addNote={addNote} />);
    const input = screen.getByTestId('reply-input');
    expect(input).toBeDisabled();
    await userEvent.click(screen.getByTestId('mode-note'));
    await userEvent.type(input, '{Alt>}n{/Alt}');
    expect(screen.getByTestId('mode-reply')).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(screen.getByTestId('mode-note'));
    await userEvent.type(input, 'call back{Enter}');
    await waitFor(() => expect(onNote).toHaveBeenCalledWith(note));
    expect(addNote).toHaveBeenCalledWith(3, 'call back');
    expect(send).not.toHaveBeenCalled();
  });
});
