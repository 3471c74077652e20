import { useEffect, useState } from 'react';

/** "42s", "3m 05s", "2h 07m", "3d 4h": how long, short enough for a list row. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds since an ISO UTC timestamp. */
export function since(iso: string, now: number): number {
  return now - Date.parse(iso);
}

/** Local time of day for a message, with the date when it is not today. */
export function formatMessageTime(iso: string, now: number = Date.now()): string {
  const date = new Date(iso);
  const today = new Date(now);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return date.toDateString() === today.toDateString() ? time : `${date.toLocaleDateString()} ${time}`;
}

/** The current time, re-rendering every `intervalMs` (for live wait clocks). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
