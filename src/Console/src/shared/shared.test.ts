import { describe, expect, it } from 'vitest';
import { newClientMessageId } from './ids';
import { formatSize, safeUrl } from './safeUrl';
import { formatDuration } from './time';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [42_000, '42s'],
    [185_000, '3m 05s'],
    [2 * 3600_000 + 7 * 60_000, '2h 07m'],
    [3 * 86400_000 + 4 * 3600_000, '3d 4h'],
    [-5000, '0s'],
  ])('%i ms -> %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('safeUrl', () => {
  it('keeps http(s) and relative links, blocks script URLs', () => {
    expect(safeUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(safeUrl('/media/1')).toMatch(/^http:\/\/localhost(:\d+)?\/media\/1$/);
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeUrl('')).toBeNull();
  });
  it('formats sizes', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

describe('newClientMessageId', () => {
  it('makes a v4 UUID even without crypto.randomUUID (plain http)', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      expect(newClientMessageId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
    expect(newClientMessageId()).not.toBe(newClientMessageId());
  });
});
