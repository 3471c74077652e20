import { useState } from 'react';
import { api } from '../api/endpoints';
import { errorMessage } from '../api/http';
import { useI18n } from '../i18n/i18n';

/**
 * An admin's GDPR controls for one contact: export (a zip downloaded by the browser) and erase, which asks for
 * confirmation first and says what it removes; both are recorded in the audit log by the hub.
 */
export function ContactPrivacy({ contactId, name, onErased }: { contactId: number; name: string; onErased: () => void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.eraseContact(contactId);
      setConfirming(false);
      onErased();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="contact-privacy">
      <a className="button small" href={api.contactExportUrl(contactId)} download data-testid="contact-export">
        {t('contacts.export')}
      </a>{' '}
      {!confirming ? (
        <button type="button" className="small danger" onClick={() => setConfirming(true)} data-testid="contact-erase">
          {t('contacts.erase')}
        </button>
      ) : (
        <span role="group" aria-label={t('contacts.eraseConfirm', { name })} data-testid="contact-erase-confirm">
          <span>{t('contacts.eraseConfirm', { name })}</span>{' '}
          <button type="button" className="small danger" disabled={busy} onClick={() => void erase()} data-testid="contact-erase-yes">
            {t('contacts.eraseYes')}
          </button>{' '}
          <button type="button" className="small" onClick={() => setConfirming(false)}>
            {t('contacts.eraseCancel')}
          </button>
        </span>
      )}
      {error && (
        <span className="error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}
