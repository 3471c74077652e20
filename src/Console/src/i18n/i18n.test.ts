import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { formatDateTime, pickLocale, translate } from './i18n';

describe('console i18n', () => {
  it('speaks Dutch where the catalogue has the key', () => {
    expect(translate('nl', 'nav.search')).toBe('Zoeken');
  });

  it('falls back to English for a key the Dutch catalogue lacks', () => {
    const partial = { en, nl: { 'nav.contacts': 'Contacten' } };
    expect(translate('nl', 'nav.search', {}, partial)).toBe('Search');
    expect(translate('nl', 'nav.contacts', {}, partial)).toBe('Contacten');
    // An unknown locale at runtime (e.g. a stale stored value) still gets English.
    expect(translate('xx' as 'en', 'nav.search')).toBe('Search');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'canned.uses', { count: 3 })).toBe('3 uses');
    expect(translate('nl', 'mention.title', { name: 'Bea' })).toBe('Bea noemde je · {contact}');
  });

  it('picks the stored choice, then the browser language, then English', () => {
    expect(pickLocale('nl', ['en-US'])).toBe('nl');
    expect(pickLocale(null, ['nl-BE', 'en'])).toBe('nl');
    expect(pickLocale('fr', ['de-DE'])).toBe('en');
  });

  it('formats dates per locale', () => {
    const iso = '2026-03-05T14:30:00Z';
    expect(formatDateTime('nl', iso)).not.toBe(formatDateTime('en', iso));
  });

  it('has no Dutch key that English lacks', () => {
    for (const key of Object.keys(nl)) expect(Object.keys(en)).toContain(key);
  });
});
