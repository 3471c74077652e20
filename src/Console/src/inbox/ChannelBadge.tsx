import type { Channel } from '../api/types';

const LABELS: Record<Channel, { label: string; icon: string }> = {
  WebChat: { label: 'Web chat', icon: '💬' },
  WhatsApp: { label: 'WhatsApp', icon: '🟢' },
  Sms: { label: 'SMS', icon: '📱' },
  Messenger: { label: 'Messenger', icon: '🔵' },
  Telegram: { label: 'Telegram', icon: '✈️' },
  Email: { label: 'Email', icon: '✉️' },
};

export function channelLabel(channel: Channel): string {
  return LABELS[channel]?.label ?? channel;
}

export function ChannelBadge({ channel }: { channel: Channel }) {
  const known = LABELS[channel];
  return (
    <span className={`badge channel channel-${channel.toLowerCase()}`} data-channel={channel}>
      <span aria-hidden="true">{known?.icon ?? '•'}</span> {known?.label ?? channel}
    </span>
  );
}
