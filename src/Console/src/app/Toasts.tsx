import { ChannelBadge } from '../inbox/ChannelBadge';
import { useConsole } from '../state/ConsoleProvider';
import { formatDuration, since, useNow } from '../shared/time';
import { Link } from './router';

/** Supervisor alerts and missed promises: visible until dismissed (or a minute), each linking to its conversation. */
export function Toasts() {
  const { toasts, dismissToast } = useConsole();
  const now = useNow(1000);
  if (toasts.length === 0) return null;
  return (
    <section className="toasts" aria-label="Alerts" aria-live="assertive">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role="alert" data-testid={`toast-${t.id}`}>
          <div className="toast-body">
            <strong>
              {t.channel && <ChannelBadge channel={t.channel} />} {t.title}
            </strong>
            <span>
              {t.body}
              {t.since ? ` · waiting ${formatDuration(since(t.since, now))}` : ''}
            </span>
          </div>
          {t.conversationId !== undefined && (
            <Link to={`/conversations/${t.conversationId}`} className="toast-open" onClick={() => dismissToast(t.id)} data-testid="toast-open">
              Open
            </Link>
          )}
          <button type="button" className="toast-close" onClick={() => dismissToast(t.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
