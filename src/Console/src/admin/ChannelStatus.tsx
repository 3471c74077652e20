import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { ChannelStateDto } from '../api/types';
import { CHANNEL_LABELS } from './adminApi';
import { FormError } from './FormError';

/** Which channels are configured and healthy (credentials live in the hub's settings and are never shown back). */
export function ChannelStatus() {
  const [channels, setChannels] = useState<ChannelStateDto[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void api.channels().then(setChannels, setError), []);
  return (
    <section aria-labelledby="channels-title" data-testid="channel-status">
      <h2 id="channels-title">Channels</h2>
      <p className="muted">Credentials are set in the hub's settings (docs/channels.md, docs/email.md); they are never shown here.</p>
      <FormError error={error} testId="channels-error" />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.channel} data-channel={c.channel}>
              <th scope="row">{CHANNEL_LABELS[c.channel] ?? c.channel}</th>
              <td>{!c.configured ? 'Not set up' : c.healthy ? 'Working' : `Failing: ${c.reason ?? 'the provider refuses it'}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
