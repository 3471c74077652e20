import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { ChannelStateDto } from '../api/types';
import { channelLabel } from '../inbox/ChannelBadge';
import { useConsole } from '../state/ConsoleProvider';

export const CHANNEL_HEALTH_POLL_MS = 30_000;

/**
 * A banner for each configured channel the provider is refusing (revoked token, failing sends), with the provider's
 * reason. GET /api/channels every 30 s and after every (re)connect. Channels that are simply not set up are not shown.
 */
export function ChannelHealthBanner() {
  const { state } = useConsole();
  const [channels, setChannels] = useState<ChannelStateDto[]>([]);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.channels().then(
        (list) => {
          if (!cancelled) setChannels(list);
        },
        () => {}, // Keep what we showed: an unreachable hub is what the live status says.
      );
    void load();
    const timer = setInterval(() => void load(), CHANNEL_HEALTH_POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [state.syncGeneration]);

  const failing = channels.filter((c) => c.configured && !c.healthy);
  if (failing.length === 0) return null;
  return (
    <div className="channel-health" role="alert" aria-label="Channel problems">
      {failing.map((c) => (
        <p key={c.channel} data-testid={`channel-health-${c.channel}`}>
          <strong>{channelLabel(c.channel)} cannot send or receive right now.</strong> {c.reason ?? 'The provider reports a problem.'}
        </p>
      ))}
    </div>
  );
}
