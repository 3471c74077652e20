import { CHANNELS, type Channel, type InboxView } from '../api/types';
import { channelLabel } from './ChannelBadge';

const TABS: { view: InboxView; label: string }[] = [
  { view: 'waiting', label: 'Waiting' },
  { view: 'mine', label: 'Mine' },
  { view: 'all', label: 'All' },
  { view: 'closed', label: 'Closed' },
];

interface Props {
  view: InboxView;
  channel: Channel | null;
  waiting: number;
  /** A conversation just arrived in the queue while another tab is shown. */
  attention: boolean;
  onView(view: InboxView): void;
  onChannel(channel: Channel | null): void;
}

export function InboxTabs({ view, channel, waiting, attention, onView, onChannel }: Props) {
  return (
    <div className="inbox-controls">
      <div role="tablist" aria-label="Inbox views" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.view}
            role="tab"
            type="button"
            aria-selected={view === t.view}
            className={`tab${view === t.view ? ' active' : ''}${t.view === 'waiting' && view !== 'waiting' && attention ? ' attention' : ''}`}
            data-testid={`inbox-tab-${t.view}`}
            onClick={() => onView(t.view)}
          >
            {t.label}
            {t.view === 'waiting' && waiting > 0 && <span className="count">{waiting}</span>}
          </button>
        ))}
      </div>
      <label className="channel-filter">
        <span className="visually-hidden">Channel</span>
        <select value={channel ?? ''} onChange={(e) => onChannel((e.target.value || null) as Channel | null)} data-testid="inbox-channel">
          <option value="">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelLabel(c)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
