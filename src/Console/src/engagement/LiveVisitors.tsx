import { useEffect, useState } from 'react';
import { errorMessage } from '../api/http';
import { navigate } from '../app/router';
import { engagementApi, type EngagementDecision, type LiveVisitor } from './types';
import { WhyGreeted } from './WhyGreeted';

/** Who is on the site now, on which page, their score and cart; an operator may start a chat (if they have room for one). */
export function LiveVisitors() {
  const [visitors, setVisitors] = useState<LiveVisitor[]>([]);
  const [why, setWhy] = useState<{ visitorId: string; decision: EngagementDecision } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    const load = () =>
      engagementApi.visitors().then(
        (v) => !stopped && setVisitors(v),
        (e: unknown) => !stopped && setError(errorMessage(e)),
      );
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const explain = async (visitorId: string) => {
    if (why?.visitorId === visitorId) return setWhy(null);
    try {
      setWhy({ visitorId, decision: await engagementApi.decision(visitorId) });
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const start = async (visitor: LiveVisitor) => {
    const text = window.prompt(`Opening message to ${visitor.name ?? 'this visitor'}`, 'Hi! Can I help you with anything?');
    if (!text?.trim()) return;
    setError(null);
    try {
      const conversation = await engagementApi.startChat(visitor.visitorId, text.trim());
      navigate(`/conversations/${conversation.id}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="engagement-section" aria-labelledby="visitors-title">
      <h2 id="visitors-title">Visitors on the site now ({visitors.length})</h2>
      <table className="engagement-table" data-testid="live-visitors">
        <thead>
          <tr>
            <th>Visitor</th>
            <th>Page</th>
            <th>On page</th>
            <th>Cart</th>
            <th>Visits</th>
            <th>Score</th>
            <th>Greeting</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {visitors.map((v) => (
            <tr key={v.visitorId} data-testid="live-visitor">
              <td>{v.name ?? v.visitorId.slice(0, 8)}</td>
              <td title={v.title ?? undefined}>
                <code>{v.path}</code>
              </td>
              <td>{Math.round(v.dwellSeconds)} s</td>
              <td>{v.cartValue ?? '—'}</td>
              <td>
                {v.visits}
                {v.returning ? ' (returning)' : ''}
              </td>
              <td>{v.score}</td>
              <td>
                {v.lastDecision ? (v.lastDecision.greet ? 'greeted' : 'no') : '—'}{' '}
                <button type="button" onClick={() => void explain(v.visitorId)} data-testid="why-button">
                  Why?
                </button>
              </td>
              <td>
                <button type="button" onClick={() => void start(v)} data-testid="start-chat">
                  Start chat
                </button>
              </td>
            </tr>
          ))}
          {visitors.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                Nobody on the site right now.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {why && <WhyGreeted decision={why.decision} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
