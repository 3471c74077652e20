import { beforeEach, describe, expect, it } from 'vitest';
import { hasStoredChat, hubBase } from '../src/loader/boot';
import { shows } from '../src/loader/rules';

describe('hubBase', () => {
  it('is the origin of the script for a root install', () => {
    expect(hubBase('https://hub.example.com/widget.js')).toBe('https://hub.example.com');
    expect(hubBase('https://hub.example.com/widget.js?v=3')).toBe('https://hub.example.com');
  });
  it('keeps a path base', () => {
    expect(hubBase('https://example.com/omnichannel/widget.js')).toBe('https://example.com/omnichannel');
  });
});

describe('hasStoredChat', () => {
  beforeEach(() => localStorage.clear());
  it('is false for a first visit', () => expect(hasStoredChat(() => localStorage)).toBe(false));
  it('is true for a live conversation, an open panel or unsent messages', () => {
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 4, closed: false, open: false }));
    expect(hasStoredChat(() => localStorage)).toBe(true);
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: 4, closed: true, open: false }));
    expect(hasStoredChat(() => localStorage)).toBe(false);
    localStorage.setItem('omnichannel.chat', JSON.stringify({ conversationId: null, closed: false, open: true }));
    expect(hasStoredChat(() => localStorage)).toBe(true);
    localStorage.removeItem('omnichannel.chat');
    localStorage.setItem('omnichannel.pending', '[{"clientMessageId":"a","text":"hi","createdAt":"x","attempts":0}]');
    expect(hasStoredChat(() => localStorage)).toBe(true);
  });
  it('is false when storage throws or holds garbage', () => {
    expect(hasStoredChat(() => { throw new Error('denied'); })).toBe(false);
    localStorage.setItem('omnichannel.chat', '{not json');
    expect(hasStoredChat(() => localStorage)).toBe(false);
  });
});

describe('page rules', () => {
  const rules = [
    { p: '/cart*', x: false },
    { p: '/product/*', x: false },
    { p: '/account/subscription*', x: false },
    { p: '/checkout/payment*', x: true },
  ];
  it('shows on included pages only', () => {
    expect(shows(rules, '/cart')).toBe(true);
    expect(shows(rules, '/cart.html')).toBe(true);
    expect(shows(rules, '/product/42/red')).toBe(true);
    expect(shows(rules, '/account/subscription/edit')).toBe(true);
    expect(shows(rules, '/')).toBe(false);
    expect(shows(rules, '/product')).toBe(false);
  });
  it('never shows on an excluded page, even when an inclusion matches too', () => {
    expect(shows(rules, '/checkout/payment.html')).toBe(false);
    expect(shows([{ p: '*', x: false }, { p: '/checkout/payment*', x: true }], '/checkout/payment/card')).toBe(false);
    expect(shows([{ p: '/checkout/payment*', x: true }], '/checkout/shipping')).toBe(true);
  });
  it('shows everywhere without rules, and treats regex characters literally', () => {
    expect(shows([], '/anything')).toBe(true);
    expect(shows([{ p: '/a.b', x: false }], '/axb')).toBe(false);
    expect(shows([{ p: '/CART', x: false }], '/cart')).toBe(true);
  });
});
