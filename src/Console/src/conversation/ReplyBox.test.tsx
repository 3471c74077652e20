import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api/http';
import { message, fakeFetch } from '../test/fixtures';
import { MAX_REPLY_LENGTH, ReplyBox } from './ReplyBox';
import { sendReply } from './sendReply';

afterEach(() => vi.unstubAllGlobals());

describe('ReplyBox', () => {
  it('attaches files and shows a refusal (413/415) with the hub\'s reason', async () => {
    const send = vi.fn(async () => message({ id: 6, direction: 'Outbound' }));
    const upload = vi
      .fn()
      .mockResolvedValueOnce({ url: '/api/attachments/abc', contentType: 'application/pdf', name: 'invoice.pdf', size: 10 })
      .mockRejectedValueOnce(new ApiError(413, { title: 'File too large', detail: 'The file is larger than 10 MB.' }));
    vi.stubGlobal('fetch', vi.fn());
    const { AttachControl } = await import('./AttachControl');
    const files: { url: string; contentType: string; name: string | null; size: number | null }[] = [];
    const onChange = vi.fn((next: typeof files) => files.splice(0, files.length, ...next));
    const { rerender } = render(<AttachControl conversationId={3} disabled={false} files={files} onChange={onChange} upload={upload} />);
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['%PDF-1.7'], 'invoice.pdf', { type: 'application/pdf' }));
    rerender(<AttachControl conversationId={3} disabled={false} files={[...files]} onChange={onChange} upload={upload} />);
    expect(screen.getByTestId('attached-file')).toHaveTextContent('invoice.pdf');
    await userEvent.upload(screen.getByTestId('attach-input'), new File(['%PDF-1.7 big'], 'big.pdf', { type: 'application/pdf' }));
    expect(await screen.findByTestId('attach-error')).toHaveTextContent('larger than 10 MB');
    render(<ReplyBox conversationId={4} disabled={false} onSent={vi.fn()} send={send} canAttach />);
    expect(screen.getAllByTestId('attach-button').length).toBeGreaterThan(0);
  });

  it('sends on Enter and adds a line on Shift+Enter', async () => {
    const send = vi.fn(async () => message({ id: 5, direction: 'Outbound' }));
    const onSent = vi.fn();
    render(<ReplyBox conversationId={3} disabled={false} onSent={onSent} send={send} />);
    const input = screen.getByTestId('reply-input');
    await userEvent.type(input, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(send).not.toHaveBeenCalled();
    await userEvent.type(input, '{Enter}');
    expect(send).toHaveBeenCalledWith(3, 'line one\nline two', expect.stringMatching(/^[0-9a-f-]{36}$/));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(input).toHaveValue('');
  });

  it('keeps the same client id when the same text is sent again after a network error', async () => {
    const send = vi.fn<typeof sendReply>().mockRejectedValueOnce(new NetworkError(new TypeError('offline'))).mockResolvedValueOnce(message());
    render(<ReplyBox conversationId={3} disabled={false} onSent={vi.fn()} send={send} />);
    await userEvent.type(screen.getByTestId('reply-input'), 'hello');
    await userEvent.click(screen.getByTestId('reply-send'));
    expect(await screen.findByTestId('reply-error')).toHaveTextContent('cannot reach the hub');
    expect(screen.getByTestId('reply-input')).toHaveValue('hello');
    await userEvent.click(screen.getByTestId('reply-send'));
    await waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send.mock.calls[0]![2]).toBe(send.mock.calls[1]![2]);
  });

  it('shows the problem detail of a refused reply', async () => {
    const send = vi.fn(async () => Promise.reject(new ApiError(409, { title: 'Conflict', detail: 'The conversation is assigned to another operator.' })));
    render(<ReplyBox conversationId={3} disabled={false} onSent={vi.fn()} send={send} />);
    await userEvent.type(screen.getByTestId('reply-input'), 'hello{Enter}');
    expect(await screen.findByTestId('reply-error')).toHaveTextContent('The conversation is assigned to another operator.');
  });

  it('counts characters up to the limit and does not send blanks', async () => {
    const send = vi.fn();
    render(<ReplyBox conversationId={3} disabled={false} onSent={vi.fn()} send={send} />);
    expect(screen.getByTestId('reply-input')).toHaveAttribute('maxLength', String(MAX_REPLY_LENGTH));
    await userEvent.type(screen.getByTestId('reply-input'), '   ');
    expect(screen.getByText(`3 / ${MAX_REPLY_LENGTH}`)).toBeInTheDocument();
    expect(screen.getByTestId('reply-send')).toBeDisabled();
    await userEvent.type(screen.getByTestId('reply-input'), '{Enter}');
    expect(send).not.toHaveBeenCalled();
  });

  it('is disabled with a reason when the conversation is closed', () => {
    render(<ReplyBox conversationId={3} disabled disabledReason="This conversation is closed." onSent={vi.fn()} />);
    expect(screen.getByTestId('reply-input')).toBeDisabled();
    expect(screen.getByTestId('reply-input')).toHaveAttribute('placeholder', 'This conversation is closed.');
  });
});

describe('sendReply', () => {
  it('retries network errors with the same client id, then succeeds', async () => {
    let attempts = 0;
    const { fn, calls } = fakeFetch({
      'POST /api/conversations/3/reply': () => {
        attempts++;
        if (attempts < 3) throw new TypeError('Failed to fetch');
        return { status: 200, body: message({ id: 11 }) };
      },
    });
    vi.stubGlobal('fetch', fn);
    const sent = await sendReply(3, 'hi', 'client-1', [0, 0, 0]);
    expect(sent.id).toBe(11);
    expect(calls.map((c) => (c.body as { clientMessageId: string }).clientMessageId)).toEqual(['client-1', 'client-1', 'client-1']);
  });

  it('does not retry problem answers', async () => {
    const { fn, calls } = fakeFetch({ 'POST /api/conversations/3/reply': () => ({ status: 400, body: { detail: 'The reply is empty.' } }) });
    vi.stubGlobal('fetch', fn);
    await expect(sendReply(3, ' ', 'c', [0, 0])).rejects.toThrow('The reply is empty.');
    expect(calls).toHaveLength(1);
  });
});
