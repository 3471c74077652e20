import { describe, expect, it } from 'vitest';
import { conversation, message } from '../test/fixtures';
import { isNewInMine } from './notifyMine';

describe('sound for new messages in my conversations', () => {
  it('chimes for a customer message in a conversation I hold, not in others or for my own replies', () => {
    const mine = conversation({ state: 'Assigned', assignedOperatorId: 1 });
    expect(isNewInMine(message({ direction: 'Inbound' }), mine, 1)).toBe(true);
    expect(isNewInMine(message({ direction: 'Outbound' }), mine, 1)).toBe(false);
    expect(isNewInMine(message({ direction: 'Inbound', isAutomated: true }), mine, 1)).toBe(false);
    expect(isNewInMine(message({ direction: 'Inbound' }), conversation({ state: 'Assigned', assignedOperatorId: 2 }), 1)).toBe(false);
    expect(isNewInMine(message({ direction: 'Inbound' }), undefined, 1)).toBe(false);
  });
});
