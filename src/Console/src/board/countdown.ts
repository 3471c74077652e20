import { useEffect, useState } from 'react';
import type { SlaState } from './types';

export interface Countdown {
  state: SlaState;
  /** Milliseconds left before the breach (negative once breached). */
  msLeft: number;
  /** "0:27", "4:59", "23:59:59", or "-0:03" once breached. */
  label: string;
}

const STATE_ORDER: Record<SlaState, number> = { None: 0, OnTrack: 1, AtRisk: 2, Breached: 3 };

/**
 * Where a clock stands at `now` (ms since epoch, already corrected for the hub's clock):
 * on track, at risk from `atRiskAt`, breached from `dueAt`. A state the hub already raised is never shown lower.
 */
export function countdown(dueAt: string | null, atRiskAt: string | null, now: number, raised: SlaState = 'None'): Countdown {
  if (!dueAt) return { state: 'None', msLeft: 0, label: '' };
  const due = Date.parse(dueAt);
  const risk = atRiskAt ? Date.parse(atRiskAt) : due;
  const msLeft = due - now;
  let state: SlaState = now >= due ? 'Breached' : now >= risk ? 'AtRisk' : 'OnTrack';
  if (STATE_ORDER[raised] > STATE_ORDER[state]) state = raised;
  return { state, msLeft, label: formatDuration(msLeft) };
}

/** m:ss under an hour, h:mm:ss under a day, then "Nd hh h". Rounds towards the deadline (whole seconds shown never overstate). */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = ms < 0 ? Math.ceil(-ms / 1000) : Math.floor(ms / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (days > 0) return `${sign}${days}d ${two(hours)}h`;
  if (hours > 0) return `${sign}${hours}:${two(minutes)}:${two(seconds)}`;
  return `${sign}${minutes}:${two(seconds)}`;
}

/** Seconds as "12 s", "4.5 min", "3.2 h", "1 day" (for medians and targets); whole numbers without ".0". */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '–';
  const amount = (value: number) => (Number.isInteger(Number(value.toFixed(1))) ? value.toFixed(0) : value.toFixed(1));
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${amount(seconds / 60)} min`;
  if (seconds < 86400 || seconds % 86400 !== 0) return `${amount(seconds / 3600)} h`;
  return seconds === 86400 ? '1 day' : `${seconds / 86400} days`;
}

export function formatPercent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)} %`;
}

/** The current time (ms), re-rendering every `intervalMs`; `skewMs` = hub clock minus browser clock. */
export function useNow(intervalMs = 250, skewMs = 0): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    setNow(Date.now() + skewMs);
    const timer = setInterval(() => setNow(Date.now() + skewMs), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, skewMs]);
  return now;
}
