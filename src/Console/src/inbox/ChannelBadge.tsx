import type { Channel } from '../api/types';

/** Human names for the hub's channel names, everywhere in the console. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  WebChat: 'Web chat',
  WhatsApp: 'WhatsApp',
  Sms: 'SMS',
  Messenger: 'Messenger',
  Telegram: 'Telegram',
  Email: 'Email',
  BotFramework: 'Teams / Bot Framework',
};

export function channelLabel(channel: Channel): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/** Channel name with its colour (no emoji or icon font: it must render on every machine). */
export function ChannelBadge({ channel }: { channel: Channel }) {
  return (
    <span className={`badge channel channel-${String(channel).toLowerCase()}`} data-channel={channel}>
      <span className="channel-dot" aria-hidden="true" />
      {channelLabel(channel)}
    </span>
  );
}
