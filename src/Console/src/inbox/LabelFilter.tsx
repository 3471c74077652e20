import { useI18n } from '../i18n/i18n';
import { useLabels } from '../labels/useLabels';

/** Inbox filter by label (shown when the shop has labels). */
export function LabelFilter({ label, onLabel }: { label: number | null; onLabel(label: number | null): void }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (labels.length === 0) return null;
  return (
    <label className="label-filter">
      <span className="visually-hidden">{t('labels.filter')}</span>
      <select value={label ?? ''} onChange={(e) => onLabel(e.target.value ? Number(e.target.value) : null)} data-testid="inbox-label">
        <option value="">{t('labels.all')}</option>
        {labels.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
