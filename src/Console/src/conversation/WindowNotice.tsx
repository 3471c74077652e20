import type { WindowStateDto } from '../api/types';
import { channelLabel } from '../inbox/ChannelBadge';
import { formatDuration, useNow } from '../shared/time';

const SOON_MS = 60 * 60 * 1000;

const EXPLAIN: Partial<Record<WindowStateDto['mode'], string>> = {
  Template: 'Template mode: the provider only delivers pre-approved templates now; your text is sent inside it. The window reopens when the customer writes.',
  HumanAgentTag: 'Human-agent mode: Meta allows replies from a person (not automated) for up to 7 days after the customer’s last message.',
  Closed: 'Sending is disabled until the customer writes again.',
};

/** Above the reply box, before the operator types: how a reply can go out on this channel right now. */
export function WindowNotice({ window: w }: { window: WindowStateDto | null }) {
  const now = useNow(1000);
  if (!w || w.mode === 'Unlimited') return null;
  const closesAt = w.closesAt ? Date.parse(w.closesAt) : null;
  const left = closesAt === null ? null : closesAt - now;
  const soon = left !== null && left < SOON_MS;
  const channel = channelLabel(w.channel);
  return (
    <div
      className={`window-notice window-${w.mode.toLowerCase()}${soon ? ' window-soon' : ''}`}
      role={w.mode === 'Closed' ? 'alert' : 'status'}
      data-testid="window-notice"
      data-mode={w.mode}
    >
      {w.mode === 'Open' ? (
        <span>
          {channel} reply window open
          {left !== null && (
            <>
              {' '}
              — closes in{' '}
              <strong data-testid="window-countdown" title={new Date(closesAt!).toLocaleString()}>
                {formatDuration(left)}
              </strong>
            </>
          )}
          . After that only {w.channel === 'WhatsApp' ? 'an approved template' : 'tagged human-agent replies'} can be sent.
        </span>
      ) : (
        <>
          {w.notice && <span>{w.notice}</span>}
          {EXPLAIN[w.mode] && <span className="muted"> {EXPLAIN[w.mode]}</span>}
          {w.mode === 'HumanAgentTag' && left !== null && (
            <span>
              {' '}
              Closes in{' '}
              <strong data-testid="window-countdown" title={new Date(closesAt!).toLocaleString()}>
                {formatDuration(left)}
              </strong>
              .
            </span>
          )}
        </>
      )}
    </div>
  );
}
