import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

describe('console shortcuts', () => {
  it('maps single keys to actions outside text fields', () => {
    expect(shortcutFor({ key: 'j' }, { tagName: 'BODY' })).toBe('next');
    expect(shortcutFor({ key: '?' }, { tagName: 'A' })).toBe('help');
    expect(shortcutFor({ key: 'n' }, null)).toBe('note');
  });

  it('never fires while typing or with a modifier', () => {
    expect(shortcutFor({ key: 'j' }, { tagName: 'TEXTAREA' })).toBeNull();
    expect(shortcutFor({ key: 'j' }, { tagName: 'input' })).toBeNull();
    expect(shortcutFor({ key: 'j' }, { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(shortcutFor({ key: 'j', ctrlKey: true }, { tagName: 'BODY' })).toBeNull();
    expect(shortcutFor({ key: 'x' }, { tagName: 'BODY' })).toBeNull();
  });
});
