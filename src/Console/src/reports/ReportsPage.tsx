import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, request } from '../api/http';
import { BarChart, HeatMap } from './Charts';
import { ReportTable } from './ReportTable';
import type { Reports } from './types';
import './reports.css';

const CHANNELS = ['WebChat', 'WhatsApp', 'Messenger', 'Telegram', 'Sms', 'Email'];
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface Filter {
  from: string;
  to: string;
  channel: string;
  team: string;
  pageGroup: string;
  serviceLevel: string;
  concurrency: string;
}

async function load(f: Filter): Promise<Reports> {
  const q = `from=${f.from}&to=${f.to}${f.channel ? `&channel=${f.channel}` : ''}`;
  // Team and page group narrow every report but the staffing advice, which is per channel.
  const narrow = `${f.team ? `&team=${encodeURIComponent(f.team)}` : ''}${f.pageGroup ? `&pageGroup=${encodeURIComponent(f.pageGroup)}` : ''}`;
  const get = <T,>(name: string, extra = narrow) => request<T>('GET', `/api/reports/${name}?${q}${extra}`);
  const [volume, response, resolution, engagement, attainment, breaches, turnedAway, operators, staffing, topics] = await Promise.all([
    get<Reports['volume']>('volume'),
    get<Reports['response']>('response-times'),
    get<Reports['resolution']>('resolution-times'),
    get<Reports['engagement']>('engagement'),
    get<Reports['attainment']>('attainment'),
    get<Reports['breaches']>('breaches'),
    get<Reports['turnedAway']>('turned-away'),
    get<Reports['operators']>('operators'),
    get<Reports['staffing']>('staffing', `&serviceLevel=${f.serviceLevel}&concurrency=${f.concurrency}`),
    get<Reports['topics']>('topics'),
  ]);
  return { volume, response, resolution, engagement, attainment, breaches, turnedAway, operators, staffing, topics };
}

/** Supervisors' look back: every figure counted by the hub for the chosen range and channel, each table downloadable. */
export function ReportsPage() {
  const [draft, setDraft] = useState<Filter>({ from: day(-28), to: day(1), channel: '', team: '', pageGroup: '', serviceLevel: '0.95', concurrency: '1' });
  const [filter, setFilter] = useState(draft);
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest filter wins: an earlier range's answer arriving late must not replace it.
  const latest = useRef(0);
  const refresh = useCallback((f: Filter) => {
    setError(null);
    const asked = ++latest.current;
    load(f).then(
      (next) => asked === latest.current && setReports(next),
      (e: unknown) => asked === latest.current && setError(errorMessage(e)),
    );
  }, []);
  useEffect(() => refresh(filter), [filter, refresh]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const field = (key: keyof Filter) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const perDay = new Map<string, { met: number; measured: number }>();
  for (const d of reports?.attainment.days ?? []) {
    const t = perDay.get(d.date) ?? { met: 0, measured: 0 };
    perDay.set(d.date, { met: t.met + d.met, measured: t.measured + d.measured });
  }
  return (
    <main className="reports-page" aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <form onSubmit={submit} className="report-filter" data-testid="report-filter">
        <label>
          From <input type="date" data-testid="filter-from" {...field('from')} />
        </label>
        <label>
          To (exclusive) <input type="date" data-testid="filter-to" {...field('to')} />
        </label>
        <label>
          Channel
          <select data-testid="filter-channel" {...field('channel')}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Team id <input inputMode="numeric" data-testid="filter-team" {...field('team')} />
        </label>
        <label>
          Page group <input placeholder="/cart*" data-testid="filter-page-group" {...field('pageGroup')} />
        </label>
        <label>
          Service level <input type="number" step="0.01" min="0.5" max="0.999" data-testid="filter-level" {...field('serviceLevel')} />
        </label>
        <label>
          Chats per operator <input type="number" min="1" max="50" data-testid="filter-concurrency" {...field('concurrency')} />
        </label>
        <button type="submit" data-testid="filter-apply">Show</button>
      </form>
      {error && (
        <p role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      {reports && (
        <>
          <section className="report-section" aria-labelledby="volume-title">
            <h2 id="volume-title">Volume</h2>
            <p data-testid="volume-summary">
              {reports.volume.conversations} conversations: {reports.volume.newContacts} new and {reports.volume.returningContacts} returning contacts.
            </p>
            <HeatMap cells={reports.volume.cells} />
          </section>
          <ReportTable id="volume" title="Volume per channel, weekday and hour" head={['Channel', 'Weekday', 'Hour', 'Conversations']}
            rows={reports.volume.cells.map((c) => [c.channel, c.day, c.hour, c.conversations])} />
          <section className="report-section" aria-labelledby="attainment-title">
            <h2 id="attainment-title">SLA attainment per day</h2>
            <BarChart label={`Promises kept per day: ${reports.attainment.met} of ${reports.attainment.measured}`}
              bars={[...perDay].map(([date, t]) => ({ label: date, value: t.measured ? t.met / t.measured : 0 }))} />
          </section>
          <ReportTable id="attainment" title="Attainment per day and channel" head={['Date', 'Channel', 'Measured', 'Met', 'Attainment']}
            rows={reports.attainment.days.map((d) => [d.date, d.channel, d.measured, d.met, d.attainment])} />
          <ReportTable id="response" title="First response (seconds)" head={['Channel', 'Responses', 'p50', 'p90', 'p99']}
            rows={reports.response.channels.map((c) => [c.channel, c.responses, c.p50, c.p90, c.p99])} />
          <ReportTable id="resolution" title="Resolution time, opened to closed (seconds)" head={['Channel', 'Resolved', 'p50', 'p90', 'p99']}
            rows={reports.resolution.channels.map((c) => [c.channel, c.resolved, c.p50, c.p90, c.p99])} />
          <ReportTable id="breaches" title="Breaches and why" head={['Channel', 'Reason', 'Breaches']}
            rows={reports.breaches.byReason.map((b) => [b.channel, b.reason, b.breaches])} />
          <ReportTable id="turned-away" title="Turned away: chat not offered because everyone was busy" head={['Date', 'Page views while busy', 'Chats refused']}
            rows={reports.turnedAway.days.map((d) => [d.date, d.pageViewsBusy, d.chatsRefused])} />
          <ReportTable id="operators" title="Per operator"
            head={['Operator', 'Conversations', 'First responses', 'Mean first response (s)', 'Within promise', 'CSAT ratings', 'CSAT', 'Breaches', 'Mean handle (s)', 'Online (s)', 'Busy with chats (s)', 'Occupancy']}
            rows={reports.operators.operators.map((o) => [o.name, o.conversations, o.firstResponses, o.meanFirstResponseSeconds, o.firstResponsesMet, o.csatRatings, o.csatAverage, o.breaches, o.meanHandleSeconds, o.onlineSeconds, o.busySeconds, o.occupancy])} />
          <ReportTable id="engagement" title="Greetings per rule and page group" head={['Rule', 'Page group', 'Shown', 'Accepted', 'Converted']}
            rows={reports.engagement.rules.map((r) => [r.rule, r.pageGroup, r.shown, r.accepted, r.converted])} />
          <ReportTable id="staffing" title={`Staffing advice (handle time ${reports.staffing.handleSeconds} s)`}
            head={['Weekday', 'Time', 'Arrivals per hour', 'Erlangs', 'Slots', 'Operators', 'Service level']}
            rows={reports.staffing.slots.map((s) => [s.day, s.time, s.arrivalsPerHour, s.erlangs, s.slots, s.operators, s.serviceLevel])} />
          <ReportTable id="questions" title="What customers ask" head={['Question', 'Conversations', 'Mean first response (s)', 'CSAT']}
            rows={reports.topics.questions.map((q) => [q.question, q.conversations, q.meanFirstResponseSeconds, q.csatAverage])} />
        </>
      )}
    </main>
  );
}
