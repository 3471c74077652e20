import { describe, expect, it } from 'vitest';
import { conversation } from '../test/fixtures';
import { selectInbox } from './selectors';

const list = [
  conversation({ id: 1, state: 'Assigned', assignedOperatorId: 7, waitingSince: null, lastMessageAt: '2026-01-01T10:00:00Z' }),
  conversation({ id: 2, state: 'Waiting', channel: 'Email', waitingSince: '2026-01-01T09:00:00Z' }),
  conversation({ id: 3, state: 'Waiting', channel: 'WhatsApp', waitingSince: '2026-01-01T08:00:00Z' }),
  conversation({ id: 4, state: 'Assigned', assignedOperatorId: 8, waitingSince: null, lastMessageAt: '2026-01-01T11:00:00Z' }),
  conversation({ id: 5, state: 'Closed', waitingSince: null }),
  conversation({ id: 6, state: 'Assigned', assignedOperatorId: 7, waitingSince: '2026-01-01T09:30:00Z' }),
];
const byId = Object.fromEntries(list.map((c) => [c.id, c]));
const ids = (view: Parameters<typeof selectInbox>[1], channel: Parameters<typeof selectInbox>[2] = null) =>
  selectInbox(byId, view, channel, 7).map((c) => c.id);

describe('selectInbox', () => {
  it('puts waiting customers first, longest wait first, then recent activity', () => {
    expect(ids('all')).toEqual([3, 2, 6, 4, 1]);
  });
  it('puts the least SLA time left first, across channels', () => {
    const sla = {
      7: conversation({ id: 7, channel: 'Email', waitingSince: '2026-01-01T08:00:00Z', slaDueAt: '2026-01-02T08:00:00Z' }),
      8: conversation({ id: 8, channel: 'WebChat', waitingSince: '2026-01-01T09:59:50Z', slaDueAt: '2026-01-01T10:00:20Z' }),
      9: conversation({ id: 9, waitingSince: '2026-01-01T07:00:00Z' }),
    };
    expect(selectInbox(sla, 'waiting', null, 7).map((c) => c.id)).toEqual([8, 7, 9]);
  });
  it('filters by view', () => {
    expect(ids('waiting')).toEqual([3, 2]);
    expect(ids('mine')).toEqual([6, 1]);
    expect(ids('closed')).toEqual([5]);
  });
  it('filters by channel', () => {
    expect(ids('all', 'WhatsApp')).toEqual([3]);
  });
});
