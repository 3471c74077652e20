import { ApiError, errorMessage } from '../api/http';

/** A refused save: the hub's message per field (400), or the one message it gave. */
export function FormError({ error, testId }: { error: unknown; testId: string }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <div className="error" role="alert" data-testid={testId}>
      {fields.length === 0 ? (
        <p>{errorMessage(error)}</p>
      ) : (
        <ul>
          {fields.map(([field, messages]) => (
            <li key={field} data-field={field}>
              <strong>{field}</strong>: {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
