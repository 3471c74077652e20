import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { message } from '../test/fixtures';
import { MessageItem } from './MessageItem';

const renderItem = (m = message(), onRetry = vi.fn(async () => {})) => {
  render(
    <ul>
      <MessageItem message={m} meId={1} onRetry={onRetry} />
    </ul>,
  );
  return onRetry;
};

describe('MessageItem', () => {
  it('shows an edit, the customer reaction and the button payload / link context', () => {
    renderItem(
      message({
        text: 'Track my order',
        editedAt: '2026-11-24T12:00:30Z',
        reaction: '👍',
        metadata: { payload: 'TRACK_ORDER', start: 'campaign-7', kind: 'postback' },
      }),
    );
    const details = screen.getByTestId('message-details');
    expect(details).toHaveTextContent('edited');
    expect(screen.getByTestId('message-reaction')).toHaveTextContent('👍');
    expect(details).toHaveTextContent('Button payload');
    expect(details).toHaveTextContent('TRACK_ORDER');
    expect(details).toHaveTextContent('campaign-7');
    expect(details).not.toHaveTextContent('postback');
  });

  it('says a reply the provider only queued is not sent yet', () => {
    renderItem(message({ direction: 'Outbound', status: 'Queued', operatorId: 1 }));
    expect(screen.getByTestId('message-status')).toHaveTextContent('Queued at provider');
  });

  it('renders text as text, never as HTML', () => {
    renderItem(message({ text: '<img src=x onerror=alert(1)><b>bold</b>' }));
    const item = screen.getByTestId('console-message');
    expect(item).toHaveAttribute('data-direction', 'Inbound');
    expect(item.querySelector('img')).toBeNull();
    expect(item.querySelector('b')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)><b>bold</b>')).toBeInTheDocument();
  });

  it('shows images inline and other files as links; blocks script URLs', () => {
    renderItem(
      message({
        attachments: [
          { url: 'https://cdn.example/photo.jpg', contentType: 'image/jpeg', name: 'photo.jpg', size: 2048 },
          { url: 'https://cdn.example/invoice.pdf', contentType: 'application/pdf', name: 'invoice.pdf', size: 4096 },
          { url: 'javascript:alert(1)', contentType: 'application/pdf', name: 'evil.pdf', size: null },
        ],
      }),
    );
    expect(screen.getByRole('img', { name: 'photo.jpg' })).toHaveAttribute('src', 'https://cdn.example/photo.jpg');
    expect(screen.getByRole('link', { name: /invoice\.pdf \(4 KB\)/ })).toHaveAttribute('href', 'https://cdn.example/invoice.pdf');
    expect(screen.queryByRole('link', { name: /evil/ })).toBeNull();
    expect(screen.getByText('evil.pdf')).toBeInTheDocument();
  });

  it("shows the hub's own images by their thumbnail, and never renders an SVG", () => {
    renderItem(
      message({
        attachments: [
          { url: '/api/attachments/0123456789abcdef0123456789abcdef', contentType: 'image/png', name: 'boots.png', size: 2048 },
          { url: '/api/attachments/fedcba9876543210fedcba9876543210', contentType: 'image/svg+xml', name: 'logo.svg', size: 100 },
        ],
      }),
    );
    const img = screen.getByRole('img', { name: 'boots.png' });
    expect(img).toHaveAttribute('src', '/api/attachments/0123456789abcdef0123456789abcdef/thumb');
    expect(img).toHaveAttribute('loading', 'lazy');
    expect(img.closest('a')).toHaveAttribute('href', expect.stringMatching(/\/api\/attachments\/0123456789abcdef0123456789abcdef$/));
    expect(screen.queryByRole('img', { name: 'logo.svg' })).toBeNull();
    expect(screen.getByRole('link', { name: /logo\.svg \(100 B\)/ })).toBeInTheDocument();
  });

  it('shows the outbound status', () => {
    renderItem(message({ direction: 'Outbound', status: 'Delivered', operatorId: 1 }));
    expect(screen.getByTestId('message-status')).toHaveTextContent('Delivered');
    expect(screen.getByText('You')).toBeInTheDocument();
  });

  it('shows a failed reply in red with the reason and retries it', async () => {
    const onRetry = renderItem(message({ id: 9, direction: 'Outbound', status: 'Failed', statusReason: 'Number unreachable' }));
    expect(screen.getByTestId('console-message')).toHaveClass('failed');
    expect(screen.getByRole('alert')).toHaveTextContent('Number unreachable');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith(9);
  });

  it('shows why a retry was refused', async () => {
    renderItem(
      message({ direction: 'Outbound', status: 'Failed' }),
      vi.fn(async () => Promise.reject(new Error('Only a failed message can be retried.'))),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Only a failed message can be retried.')).toBeInTheDocument();
  });

  it('asks before resending a reply that may not have arrived, and resends only on the click', async () => {
    const onRetry = renderItem(
      message({ id: 12, direction: 'Outbound', status: 'Unconfirmed', statusReason: 'Twilio at https://edge.example did not answer in time.' }),
    );
    expect(screen.getByTestId('message-status')).toHaveTextContent('May not have arrived');
    expect(screen.getByRole('alert')).toHaveTextContent('May not have arrived — resend?');
    expect(screen.getByRole('alert')).toHaveTextContent('https://edge.example');
    expect(onRetry).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Resend' }));
    expect(onRetry).toHaveBeenCalledWith(12);
  });
});
