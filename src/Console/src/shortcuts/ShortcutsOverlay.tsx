import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';
import { SHORTCUTS } from './shortcuts';

/** The "?" overlay: every shortcut, in a modal dialog that Escape closes and that gives focus back. */
export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    const before = document.activeElement as HTMLElement | null;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    return () => before?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="shortcuts"
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      data-testid="shortcuts-overlay"
    >
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(s.label)}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>/</kbd> · <kbd>Alt</kbd>+<kbd>N</kbd>
          </dt>
          <dd>
            {t('shortcuts.canned')} · {t('shortcuts.note')}
          </dd>
        </div>
      </dl>
      <button type="button" onClick={onClose} autoFocus>
        {t('shortcuts.close')}
      </button>
    </dialog>
  );
}
