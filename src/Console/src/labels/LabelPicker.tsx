import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import type { ConversationDto } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useConsole } from '../state/ConsoleProvider';
import { LabelChip, useLabels } from './useLabels';

/** The conversation's labels as chips, and a checkbox list to change them. */
export function LabelPicker({ conversation }: { conversation: ConversationDto }) {
  const { t } = useI18n();
  const { dispatch } = useConsole();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = conversation.labelIds ?? [];

  const toggle = async (labelId: number) => {
    const next = current.includes(labelId) ? current.filter((l) => l !== labelId) : [...current, labelId];
    setError(null);
    // Shown at once; put back if the hub refuses.
    dispatch({ type: 'conversationUpserted', conversation: { ...conversation, labelIds: next } });
    try {
      const saved = await api.setConversationLabels(conversation.id, next);
      dispatch({ type: 'conversationUpserted', conversation: { ...conversation, labelIds: saved.map((l) => l.id) } });
    } catch (e) {
      dispatch({ type: 'conversationUpserted', conversation: { ...conversation, labelIds: current } });
      setError(errorMessage(e));
    }
  };

  if (labels.length === 0) return null;
  return (
    <div className="label-picker">
      {labels.filter((l) => current.includes(l.id)).map((l) => (
        <LabelChip key={l.id} label={l} />
      ))}
      <button type="button" className="small" aria-expanded={open} aria-controls="label-options" onClick={() => setOpen(!open)} data-testid="labels-button">
        {t('labels.edit')}
      </button>
      {open && (
        <fieldset id="label-options" className="label-options">
          <legend className="visually-hidden">{t('labels.title')}</legend>
          {labels.map((l) => (
            <label key={l.id}>
              <input type="checkbox" checked={current.includes(l.id)} onChange={() => void toggle(l.id)} data-testid={`label-option-${l.name}`} /> <LabelChip label={l} />
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
