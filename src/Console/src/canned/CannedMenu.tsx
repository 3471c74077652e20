import type { CannedResponseDto } from '../api/types';
import { useI18n } from '../i18n/i18n';

interface Props {
  items: CannedResponseDto[];
  active: number;
  query: string;
  loading: boolean;
  onPick(item: CannedResponseDto): void;
}

/** The "/" suggestions above the reply box: a listbox driven from the textarea (aria-activedescendant). */
export function CannedMenu({ items, active, query, loading, onPick }: Props) {
  const { t } = useI18n();
  if (loading) return null;
  if (items.length === 0)
    return (
      <p className="canned-empty muted" role="status">
        {t('canned.none', { query })}
      </p>
    );
  return (
    <ul id="canned-menu" className="canned-menu" role="listbox" aria-label={t('canned.listLabel')} data-testid="canned-menu">
      {items.map((c, i) => (
        <li
          key={c.id}
          id={`canned-${c.id}`}
          role="option"
          aria-selected={i === active}
          className={i === active ? 'active' : ''}
          data-testid="canned-option"
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(c);
          }}
        >
          <strong>/{c.shortcut}</strong> <span className="canned-text">{c.text.length > 80 ? `${c.text.slice(0, 80)}…` : c.text}</span>{' '}
          <span className="muted">{t('canned.uses', { count: c.usageCount })}</span>
        </li>
      ))}
    </ul>
  );
}
