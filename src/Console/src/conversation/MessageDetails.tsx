import type { MessageDto } from '../api/types';

const LABELS: Record<string, string> = {
  payload: 'Button payload',
  start: 'Came from link',
  'contact.name': 'Contact name',
  'contact.phone': 'Contact phone',
  'location.lat': 'Latitude',
  'location.lon': 'Longitude',
};

/** What a channel told us beside the text: edited, the customer's reaction, payloads and deep-link context. */
export function MessageDetails({ message: m }: { message: MessageDto }) {
  const entries = Object.entries(m.metadata ?? {}).filter(([key]) => key in LABELS);
  if (!m.editedAt && !m.reaction && entries.length === 0) return null;
  return (
    <div className="message-details" data-testid="message-details">
      {m.editedAt && (
        <span className="edited" title={`Edited ${new Date(m.editedAt).toLocaleString()}`}>
          edited
        </span>
      )}
      {m.reaction && (
        <span className="reaction" aria-label={`Customer reacted ${m.reaction}`} data-testid="message-reaction">
          {m.reaction}
        </span>
      )}
      {entries.length > 0 && (
        <dl className="metadata">
          {entries.map(([key, value]) => (
            <div key={key}>
              <dt>{LABELS[key]}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
