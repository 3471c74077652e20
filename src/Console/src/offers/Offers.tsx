import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { OfferDto } from '../api/types';
import { navigate } from '../app/router';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { useConsole } from '../state/ConsoleProvider';
import { formatDuration, useNow } from '../shared/time';

/** Conversations routing offers to me: accept (it becomes mine and opens) or pass it on. */
export function Offers() {
  const { state } = useConsole();
  const now = useNow(1000);
  const open = Object.values(state.offers)
    .filter((o) => Date.parse(o.expiresAt) > now)
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  if (open.length === 0) return null;
  return (
    <section className="offers" aria-label="Offered to you" aria-live="assertive">
      <h2 className="visually-hidden">Offered to you</h2>
      <ul>
        {open.map((o) => (
          <OfferCard key={o.id} offer={o} now={now} />
        ))}
      </ul>
    </section>
  );
}

function OfferCard({ offer, now }: { offer: OfferDto; now: number }) {
  const { dispatch } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gone = () => dispatch({ type: 'offerChanged', offer: { ...offer, state: 'Cancelled' } });

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const conversation = await api.acceptOffer(offer.id);
      dispatch({ type: 'conversationUpserted', conversation });
      gone();
      navigate(`/conversations/${conversation.id}`);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      setTimeout(gone, 4000);
    }
  };

  const decline = async () => {
    setBusy(true);
    try {
      await api.declineOffer(offer.id);
    } catch {
      // Already answered or expired: it is gone either way.
    }
    gone();
  };

  return (
    <li className="offer" data-testid="offer-card" data-conversation-id={offer.conversationId}>
      <div className="offer-text">
        <strong>{offer.contactName}</strong> <ChannelBadge channel={offer.channel} />
        {offer.preview && <span className="offer-preview">{offer.preview}</span>}
        <span className="muted offer-expires">{formatDuration(Date.parse(offer.expiresAt) - now)} left to accept</span>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="offer-actions">
        <button type="button" className="primary" data-testid="offer-accept" disabled={busy} onClick={() => void accept()}>
          Accept
        </button>
        <button type="button" data-testid="offer-decline" disabled={busy} onClick={() => void decline()}>
          Pass
        </button>
      </div>
    </li>
  );
}
