import type { KeyboardEvent } from 'react';
import { CHANNELS, type Channel, type InboxView } from '../api/types';
import { channelLabel } from './ChannelBadge';

const TABS: { view: InboxView; label: string }[] = [
  { view: 'waiting', label: 'Waiting' },
  { view: 'mine', label: 'Mine' },
  { view: 'all', label: 'All' },
  { view: 'automatic', label: 'Automatic' },
  { view: 'closed', label: 'Closed' },
];

interface Props {
  view: InboxView;
  channel: Channel | null;
  waiting: number;
  /** Unread conversations per tab (customers wrote since I last looked). */
  unread?: Partial<Record<InboxView, number>>;
  /** A conversation just arrived in the queue while another tab is shown. */
  attention: boolean;
  onView(view: InboxView): void;
  onChannel(channel: Channel | null): void;
}

export function InboxTabs({ view, channel, waiting, unread = {}, attention, onView, onChannel }: Props) {
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); only the selected tab is in the Tab order.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const index = TABS.findIndex((t) => t.view === view);
    const next = TABS[(index + step + TABS.length) % TABS.length]!;
    onView(next.view);
    event.currentTarget.querySelector<HTMLButtonElement>(`[data-testid="inbox-tab-${next.view}"]`)?.focus();
  };
  return (
    <div className="inbox-controls">
      <div role="tablist" aria-label="Inbox views" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.view}
            role="tab"
            type="button"
            aria-selected={view === t.view}
            tabIndex={view === t.view ? 0 : -1}
            className={`tab${view === t.view ? ' active' : ''}${t.view === 'waiting' && view !== 'waiting' && attention ? ' attention' : ''}`}
            data-testid={`inbox-tab-${t.view}`}
            onClick={() => onView(t.view)}
          >
            {t.label}
            {t.view === 'waiting' && waiting > 0 && <span className="count">{waiting}</span>}
            {t.view !== 'waiting' && (unread[t.view] ?? 0) > 0 && (
              <span className="count unread-count" data-testid={`unread-${t.view}`}>
                {unread[t.view]}
                <span className="visually-hidden"> unread</span>
              </span>
            )}
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
