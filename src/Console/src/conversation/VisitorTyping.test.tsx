import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceVisitorTyping, operatorTypingNotifier } from './typing';
import { VisitorTyping } from './VisitorTyping';

afterEach(() => vi.useRealTimers());

describe('VisitorTyping', () => {
  it('shows the visitor typing with a live preview, only for its conversation, until their message arrives', () => {
    const { rerender } = render(<VisitorTyping conversationId={7} lastInboundId={1} />);
    act(() => announceVisitorTyping({ conversationId: 8, typing: true, preview: 'other chat' }));
    expect(screen.queryByTestId('visitor-typing')).toBeNull();

    act(() => announceVisitorTyping({ conversationId: 7, typing: true, preview: 'Can I return' }));
    expect(screen.getByTestId('visitor-typing')).toHaveTextContent('Visitor is typing…');
    expect(screen.getByTestId('visitor-typing-preview')).toHaveTextContent('Can I return');

    rerender(<VisitorTyping conversationId={7} lastInboundId={2} />);
    expect(screen.queryByTestId('visitor-typing')).toBeNull();
  });

  it('shows no preview when the owner turned previews off', () => {
    render(<VisitorTyping conversationId={7} lastInboundId={1} />);
    act(() => announceVisitorTyping({ conversationId: 7, typing: true, preview: null }));
    expect(screen.getByTestId('visitor-typing')).toHaveTextContent('Visitor is typing…');
    expect(screen.queryByTestId('visitor-typing-preview')).toBeNull();
  });
});

describe('operatorTypingNotifier', () => {
  it('tells the hub at once, then at most every 2 s, and once when the box is emptied', () => {
    vi.useFakeTimers();
    const post = vi.fn(async () => undefined);
    const notify = operatorTypingNotifier(3, post);
    notify('H');
    notify('He');
    notify('Hello');
    vi.advanceTimersByTime(2250);
    notify('Hello there');
    notify('');
    notify('');
    expect(post.mock.calls).toEqual([[true], [true], [false]]);
  });
});
