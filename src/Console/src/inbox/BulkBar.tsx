import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useI18n } from '../i18n/i18n';
import { useLabels } from '../labels/useLabels';
import { useConsole } from '../state/ConsoleProvider';

/** Actions on the selected rows: close them, or add a label to all of them. */
export function BulkBar({ ids, onDone }: { ids: number[]; onDone(): void }) {
  const { t } = useI18n();
  const { state, dispatch } = useConsole();
  const labels = useLabels();
  const [error, setError] = useState<string | null>(null);

  const run = async (action: 'Close' | 'Label', labelId?: number) => {
    setError(null);
    try {
      const result = await api.bulk(ids, action, labelId);
      if (action === 'Label' && labelId !== undefined)
        for (const id of result.done) {
          const c = state.conversations[id];
          if (c) dispatch({ type: 'conversationUpserted', conversation: { ...c, labelIds: [...new Set([...(c.labelIds ?? []), labelId])] } });
        }
      const failed = Object.entries(result.failed);
      if (failed.length > 0) setError(failed.map(([id, why]) => `#${id}: ${why}`).join('; '));
      else onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.selected', { count: ids.length })} data-testid="bulk-bar">
      <span>{t('bulk.selected', { count: ids.length })}</span>
      <button type="button" className="small" onClick={() => void run('Close')} data-testid="bulk-close">
        {t('bulk.close')}
      </button>
      {labels.length > 0 && (
        <label>
          <span className="visually-hidden">{t('bulk.label')}</span>
          <select value="" onChange={(e) => e.target.value && void run('Label', Number(e.target.value))} data-testid="bulk-label">
            <option value="">{t('bulk.label')}</option>
            {labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
