import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ConversationDto, OperatorDto, Presence } from '../api/types';
import { useConsole } from '../state/ConsoleProvider';

const ORDER: Record<Presence, number> = { Available: 0, Away: 1, Offline: 2 };

/** Hand the conversation to a colleague (POST /api/conversations/{id}/transfer); the hub's refusal is shown as worded. */
export function Transfer({ conversation, onChanged }: { conversation: ConversationDto; onChanged(c: ConversationDto): void }) {
  const { me, operators, refreshOperators } = useConsole();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const colleagues: OperatorDto[] = operators
    .filter((o) => o.id !== me.id && o.id !== conversation.assignedOperatorId)
    .sort((a, b) => ORDER[a.presence] - ORDER[b.presence] || a.displayName.localeCompare(b.displayName));

  const toggle = () => {
    if (!open) refreshOperators();
    setOpen(!open);
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to || busy) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.transfer(conversation.id, Number(to)));
      setOpen(false);
      setTo('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" data-testid="transfer-button" aria-expanded={open} onClick={toggle}>
        Transfer
      </button>
      {open && (
        <form className="transfer" onSubmit={submit} aria-label="Transfer to a colleague">
          <label>
            To{' '}
            <select data-testid="transfer-select" value={to} onChange={(e) => setTo(e.target.value)} required>
              <option value="">Pick a colleague…</option>
              {colleagues.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.displayName} — {o.presence.toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" data-testid="transfer-submit" disabled={!to || busy}>
            {busy ? 'Transferring…' : 'Transfer'}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          {colleagues.length === 0 && <span className="muted">No colleague to hand over to.</span>}
          {error && (
            <p className="error" role="alert" data-testid="transfer-error">
              {error}
            </p>
          )}
        </form>
      )}
    </>
  );
}
