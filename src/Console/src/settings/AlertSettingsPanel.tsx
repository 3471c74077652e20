import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/http';
import { browserPushEnv, currentSubscription, disablePush, enablePush, type PushEnv } from './push';
import { settingsApi, type AlertSettingsDto } from './settingsApi';

const defaultEnv = browserPushEnv();

/** Off-screen alerts, opt-in: Web Push in this browser, a linked Telegram chat, and alerts while away. */
export function AlertSettingsPanel({ env = defaultEnv }: { env?: PushEnv }) {
  const [settings, setSettings] = useState<AlertSettingsDto | null>(null);
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  const [pushBusy, setPushBusy] = useState(false);
  const [pushError, setPushError] = useState<string | null>(null);
  const [chatId, setChatId] = useState('');
  const [away, setAway] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const apply = useCallback((s: AlertSettingsDto) => {
    setSettings(s);
    setChatId(s.telegramChatId === null ? '' : String(s.telegramChatId));
    setAway(s.notifyWhenAway);
  }, []);

  const reload = useCallback(() => settingsApi.alertSettings().then(apply, (e: unknown) => setLoadError(errorMessage(e))), [apply]);

  useEffect(() => {
    void reload();
    currentSubscription(env).then(
      (s) => setSubscribed(s !== null),
      () => setSubscribed(false),
    );
  }, [env, reload]);

  const togglePush = async () => {
    setPushBusy(true);
    setPushError(null);
    try {
      if (subscribed) await disablePush(env);
      else await enablePush(env);
      setSubscribed(!subscribed);
      await reload();
    } catch (e) {
      setPushError(errorMessage(e));
    } finally {
      setPushBusy(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = chatId.trim();
    if (trimmed !== '' && !/^-?\d{1,19}$/.test(trimmed)) {
      setSaveError('A Telegram chat id is a number (ask the hub’s bot with /start, or @userinfobot).');
      return;
    }
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    try {
      apply(await settingsApi.saveAlertSettings(trimmed === '' ? null : Number(trimmed), away));
      setSaved(true);
    } catch (e) {
      setSaveError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-panel" aria-labelledby="alerts-title" data-testid="alert-settings">
      <h2 id="alerts-title">Alerts when the console is not on screen</h2>
      <p className="muted">
        An offer to you, or a web chat about to miss its promise, is also sent here when this console is hidden or closed. Nothing is sent
        unless you turn it on.
      </p>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}

      <h3>Browser notifications</h3>
      {!env.supported ? (
        <p className="muted" data-testid="push-unsupported">
          This browser cannot receive push notifications.
        </p>
      ) : (
        <p>
          <button type="button" data-testid="push-toggle" disabled={pushBusy || subscribed === null} onClick={() => void togglePush()}>
            {pushBusy ? 'Working…' : subscribed ? 'Turn off in this browser' : 'Turn on in this browser'}
          </button>{' '}
          <span data-testid="push-status">
            {subscribed ? 'On in this browser.' : 'Off in this browser.'}
            {settings && settings.pushSubscriptions > 0 && ` ${settings.pushSubscriptions} browser${settings.pushSubscriptions === 1 ? '' : 's'} registered for you.`}
          </span>
          {env.permission() === 'denied' && !subscribed && <span className="muted"> Notifications are blocked in this browser’s site settings.</span>}
        </p>
      )}
      {pushError && (
        <p className="error" role="alert" data-testid="push-error">
          {pushError}
        </p>
      )}

      <form onSubmit={save} className="settings-form">
        <h3>Telegram</h3>
        {settings && !settings.telegramAvailable && (
          <p className="muted" data-testid="telegram-unavailable">
            The hub has no Telegram bot configured yet: a linked chat gets alerts once an admin sets one up.
          </p>
        )}
        <label>
          My Telegram chat id{' '}
          <input
            data-testid="telegram-chat-id"
            inputMode="numeric"
            value={chatId}
            placeholder="not linked"
            onChange={(e) => setChatId(e.target.value)}
          />
        </label>
        <label className="check">
          <input type="checkbox" data-testid="notify-when-away" checked={away} onChange={(e) => setAway(e.target.checked)} /> Notify me when I am away
        </label>
        <p>
          <button type="submit" className="primary" data-testid="alert-settings-save" disabled={saving || settings === null}>
            {saving ? 'Saving…' : 'Save'}
          </button>{' '}
          {saved && <span data-testid="alert-settings-saved">Saved.</span>}
        </p>
        {saveError && (
          <p className="error" role="alert" data-testid="alert-settings-error">
            {saveError}
          </p>
        )}
      </form>
    </section>
  );
}
