import { describe, expect, it } from 'vitest';
import { countdown, formatDuration, formatPercent, formatSeconds } from './countdown';

const at = (iso: string) => Date.parse(iso);

describe('countdown', () => {
  const due = '2026-03-02T10:00:30.000Z';
  const risk = '2026-03-02T10:00:22.500Z';

  it('is on track, then at risk from the at-risk time, then breached at the due time', () => {
    expect(countdown(due, risk, at('2026-03-02T10:00:00Z'))).toEqual({ state: 'OnTrack', msLeft: 30_000, label: '0:30' });
    expect(countdown(due, risk, at('2026-03-02T10:00:22.400Z')).state).toBe('OnTrack');
    expect(countdown(due, risk, at('2026-03-02T10:00:22.500Z')).state).toBe('AtRisk');
    expect(countdown(due, risk, at('2026-03-02T10:00:29.999Z'))).toMatchObject({ state: 'AtRisk', label: '0:00' });
    expect(countdown(due, risk, at('2026-03-02T10:00:30Z'))).toMatchObject({ state: 'Breached', label: '0:00' });
    expect(countdown(due, risk, at('2026-03-02T10:00:33.2Z'))).toMatchObject({ state: 'Breached', label: '-0:04' });
  });

  it('never shows less than the hub raised, and nothing without a clock', () => {
    expect(countdown(due, risk, at('2026-03-02T10:00:00Z'), 'Breached').state).toBe('Breached');
    expect(countdown(null, null, Date.now()).state).toBe('None');
  });
});

describe('formatting', () => {
  it('formats durations for chat and for email', () => {
    expect(formatDuration(5 * 60_000)).toBe('5:00');
    expect(formatDuration(3 * 3600_000 + 61_000)).toBe('3:01:01');
    expect(formatDuration(26 * 3600_000)).toBe('1d 02h');
  });

  it('formats seconds and shares', () => {
    expect(formatSeconds(12.4)).toBe('12 s');
    expect(formatSeconds(270)).toBe('4.5 min');
    expect(formatSeconds(null)).toBe('–');
    expect(formatSeconds(300)).toBe('5 min');
    expect(formatSeconds(86400)).toBe('1 day');
    expect(formatSeconds(5 * 3600)).toBe('5 h');
    expect(formatPercent(0.956)).toBe('96 %');
    expect(formatPercent(null)).toBe('–');
  });
});
