import { describe, expect, it } from 'vitest';
import { consoleReducer, initialState, isNewlyWaiting, mergeMessages } from './consoleStore';
import { conversation, message } from '../test/fixtures';

describe('consoleReducer', () => {
  it('upserts conversations by id and highlights ones that newly wait', () => {
    let state = consoleReducer(initialState, { type: 'conversationUpserted', conversation: conversation({ id: 1, state: 'Waiting' }) });
    expect(state.highlighted[1]).toBe(true);
    state = consoleReducer(state, { type: 'highlightCleared', conversationId: 1 });
    state = consoleReducer(state, { type: 'conversationUpserted', conversation: conversation({ id: 1, state: 'Waiting', lastMessagePreview: 'again' }) });
    expect(state.highlighted[1]).toBeUndefined();
    expect(Object.keys(state.conversations)).toHaveLength(1);
    expect(state.conversations[1]!.lastMessagePreview).toBe('again');
  });

  it('does not highlight conversations loaded by a fetch', () => {
    const state = consoleReducer(initialState, { type: 'conversationsLoaded', conversations: [conversation({ id: 3 })] });
    expect(state.highlighted).toEqual({});
  });

  it('drops stale conversations a refetch no longer returns', () => {
    let state = consoleReducer(initialState, { type: 'conversationsLoaded', conversations: [conversation({ id: 1 }), conversation({ id: 2 })] });
    state = consoleReducer(state, { type: 'conversationsLoaded', conversations: [conversation({ id: 2 })], staleIds: [1] });
    expect(Object.keys(state.conversations)).toEqual(['2']);
  });

  it('keeps the newer preview when an older snapshot arrives late', () => {
    let state = consoleReducer(initialState, {
      type: 'conversationUpserted',
      conversation: conversation({ id: 1, lastMessageAt: '2026-01-01T10:05:00Z', lastMessagePreview: 'new' }),
    });
    state = consoleReducer(state, {
      type: 'conversationsLoaded',
      conversations: [conversation({ id: 1, state: 'Assigned', lastMessageAt: '2026-01-01T10:00:00Z', lastMessagePreview: 'old' })],
    });
    expect(state.conversations[1]!.lastMessagePreview).toBe('new');
    expect(state.conversations[1]!.state).toBe('Assigned');
  });

  it('dedupes messages by id and keeps them in id order', () => {
    let state = consoleReducer(initialState, { type: 'messagesLoaded', conversationId: 1, messages: [message({ id: 2 }), message({ id: 1 })] });
    state = consoleReducer(state, { type: 'messageUpserted', message: message({ id: 2, text: 'edited' }) });
    state = consoleReducer(state, { type: 'messageUpserted', message: message({ id: 3 }) });
    expect(state.messages[1]!.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(state.messages[1]![1]!.text).toBe('edited');
  });

  it('applies status changes to known messages only', () => {
    let state = consoleReducer(initialState, { type: 'messageUpserted', message: message({ id: 5, direction: 'Outbound', status: 'Pending' }) });
    state = consoleReducer(state, { type: 'messageStatusChanged', status: { conversationId: 1, messageId: 5, status: 'Failed', reason: 'Bad number' } });
    expect(state.messages[1]![0]).toMatchObject({ status: 'Failed', statusReason: 'Bad number' });
    const same = consoleReducer(state, { type: 'messageStatusChanged', status: { conversationId: 1, messageId: 99, status: 'Sent', reason: null } });
    expect(same).toBe(state);
  });

  it('counts reconnects so views refetch', () => {
    expect(consoleReducer(initialState, { type: 'synced' }).syncGeneration).toBe(1);
  });
});

describe('mergeMessages', () => {
  it('does not let the late Pending answer of a reply undo a pushed Sent status', () => {
    const pushed = message({ id: 7, direction: 'Outbound', status: 'Delivered' });
    const merged = mergeMessages([pushed], [message({ id: 7, direction: 'Outbound', status: 'Pending' })]);
    expect(merged[0]!.status).toBe('Delivered');
  });
});

describe('isNewlyWaiting', () => {
  it('is true for unknown or reopened conversations only', () => {
    expect(isNewlyWaiting(undefined, conversation({ state: 'Waiting' }))).toBe(true);
    expect(isNewlyWaiting(conversation({ state: 'Closed' }), conversation({ state: 'Waiting' }))).toBe(true);
    expect(isNewlyWaiting(conversation({ state: 'Waiting' }), conversation({ state: 'Waiting' }))).toBe(false);
    expect(isNewlyWaiting(undefined, conversation({ state: 'Assigned' }))).toBe(false);
  });
});
