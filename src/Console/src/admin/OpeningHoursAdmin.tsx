import { useEffect, useState, type FormEvent } from 'react';
import { adminApi, DAYS, splitList } from './adminApi';
import { FormError } from './FormError';

/** When live chat is staffed: weekly hours in a time zone, and holidays. The widget follows at once. */
export function OpeningHoursAdmin() {
  const [alwaysOpen, setAlwaysOpen] = useState(true);
  const [timeZone, setTimeZone] = useState('UTC');
  const [weekly, setWeekly] = useState<Record<string, string>>({});
  const [closed, setClosed] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(
    () =>
      void adminApi.openingHours().then((h) => {
        setAlwaysOpen(h.alwaysOpen);
        setTimeZone(h.timeZone);
        setWeekly(h.weekly);
        setClosed(h.closedDays.join(', '));
      }, setError),
    [],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const days = Object.fromEntries(Object.entries(weekly).filter(([, v]) => v.trim() !== ''));
    adminApi.saveOpeningHours({ alwaysOpen, timeZone, weekly: days, closedDays: splitList(closed) }).then(() => {
      setError(null);
      setSaved(true);
    }, setError);
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="hours-title" data-testid="opening-hours">
      <h2 id="hours-title">Opening hours of live chat</h2>
      <label className="check">
        <input type="checkbox" checked={alwaysOpen} onChange={(e) => setAlwaysOpen(e.target.checked)} /> Always open
      </label>
      <label>
        Time zone <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="Europe/Amsterdam" />
      </label>
      {!alwaysOpen &&
        DAYS.map((day) => (
          <label key={day}>
            {day}{' '}
            <input
              data-testid={`hours-${day}`}
              placeholder="closed, or 09:00-17:00"
              value={weekly[day] ?? ''}
              onChange={(e) => setWeekly({ ...weekly, [day]: e.target.value })}
            />
          </label>
        ))}
      <label>
        Closed days (holidays) <input value={closed} onChange={(e) => setClosed(e.target.value)} placeholder="2026-12-25, 2026-12-26" />
      </label>
      <button type="submit" className="primary" data-testid="hours-save">
        Save opening hours
      </button>{' '}
      {saved && <span role="status">Saved.</span>}
      <FormError error={error} testId="hours-error" />
    </form>
  );
}
