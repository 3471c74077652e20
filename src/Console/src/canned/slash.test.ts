import { describe, expect, it } from 'vitest';
import type { CannedResponseDto } from '../api/types';
import { filterCanned, insertCanned, moveSelection, replyKeyAction, slashQuery } from './slash';

const canned = (shortcut: string, text: string, usageCount = 0): CannedResponseDto => ({ id: shortcut.length, shortcut, text, scope: 'Shop', ownerOperatorId: 1, team: null, usageCount });

describe('reply box: "/" canned responses', () => {
  it('opens on "/" at the start or after a space, not inside a word or a URL', () => {
    expect(slashQuery('/ref', 4)).toEqual({ start: 0, query: 'ref' });
    expect(slashQuery('Hello /', 7)).toEqual({ start: 6, query: '' });
    expect(slashQuery('see http://x/ref', 16)).toBeNull();
    expect(slashQuery('and/or', 6)).toBeNull();
    expect(slashQuery('/ref more', 9)).toBeNull();
  });

  it('lists shortcuts that start with the query first, then matches in the text, most used first', () => {
    const list = [canned('thanks', 'Thank you!', 1), canned('refund', 'Your refund…', 2), canned('ret', 'Returns: see our refund page', 9), canned('refund-late', 'Sorry', 5)];
    expect(filterCanned(list, 'ref').map((c) => c.shortcut)).toEqual(['refund-late', 'refund', 'ret']);
    expect(filterCanned(list, '').map((c) => c.shortcut)[0]).toBe('ret');
  });

  it('replaces "/query" with the rendered text and puts the caret after it', () => {
    const slash = slashQuery('Hi! /ref', 8)!;
    expect(insertCanned('Hi! /ref', slash, 'Your refund is on its way.')).toEqual({ text: 'Hi! Your refund is on its way.', caret: 30 });
  });

  it('maps keys: arrows and Enter/Tab/Escape drive the open menu; Enter sends; Shift+Enter is a new line; Alt+N toggles note', () => {
    expect(replyKeyAction({ key: 'ArrowDown' }, true)).toBe('menuNext');
    expect(replyKeyAction({ key: 'ArrowUp' }, true)).toBe('menuPrev');
    expect(replyKeyAction({ key: 'Enter' }, true)).toBe('menuPick');
    expect(replyKeyAction({ key: 'Tab' }, true)).toBe('menuPick');
    expect(replyKeyAction({ key: 'Escape' }, true)).toBe('menuClose');
    expect(replyKeyAction({ key: 'ArrowDown' }, false)).toBeNull();
    expect(replyKeyAction({ key: 'Enter' }, false)).toBe('send');
    expect(replyKeyAction({ key: 'Enter', shiftKey: true }, false)).toBeNull();
    expect(replyKeyAction({ key: 'Enter', isComposing: true }, false)).toBeNull();
    expect(replyKeyAction({ key: 'n', altKey: true }, false)).toBe('toggleNote');
  });

  it('wraps the highlighted item around', () => {
    expect(moveSelection(2, 3, 'menuNext')).toBe(0);
    expect(moveSelection(0, 3, 'menuPrev')).toBe(2);
    expect(moveSelection(0, 0, 'menuNext')).toBe(0);
  });
});
