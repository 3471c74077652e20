import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/http';
import { settingsApi, type OperatorSettingsRequest } from './settingsApi';

type AutoAccept = '' | 'on' | 'off';

/**
 * Live capacity, async capacity, auto-accept and skills (PUT /api/operators/me/settings). The hub does not expose the
 * current values, so an empty field keeps what is set (defaults: 3 live chats, 8 asynchronous conversations).
 */
export function CapacityPanel() {
  const [live, setLive] = useState('');
  const [async, setAsync] = useState('');
  const [autoAccept, setAutoAccept] = useState<AutoAccept>('');
  const [skills, setSkills] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const request: OperatorSettingsRequest = {
      liveCapacity: live.trim() === '' ? null : Number(live),
      asyncCapacity: async.trim() === '' ? null : Number(async),
      autoAccept: autoAccept === '' ? null : autoAccept === 'on',
      skills:
        skills.trim() === ''
          ? null
          : skills
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
    };
    if ([request.liveCapacity, request.asyncCapacity].some((n) => n !== null && !Number.isInteger(n))) {
      setError('Capacities are whole numbers.');
      return;
    }
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      await settingsApi.saveSettings(request);
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-panel" aria-labelledby="capacity-title" data-testid="capacity-settings">
      <h2 id="capacity-title">My capacity</h2>
      <p className="muted">How much routing gives you at once. Leave a field empty to keep its current value.</p>
      {/* noValidate: the hub's own wording of a refusal (400 problem detail) is shown. */}
      <form onSubmit={save} className="settings-form" noValidate>
        <label>
          Live chats at once{' '}
          <input data-testid="live-capacity" type="number" min={0} max={50} step={1} placeholder="keep (default 3)" value={live} onChange={(e) => setLive(e.target.value)} />
        </label>
        <label>
          Asynchronous conversations at once (WhatsApp, Messenger, Telegram, SMS, email){' '}
          <input data-testid="async-capacity" type="number" min={0} max={200} step={1} placeholder="keep (default 8)" value={async} onChange={(e) => setAsync(e.target.value)} />
        </label>
        <label>
          Accept offers automatically{' '}
          <select data-testid="auto-accept" value={autoAccept} onChange={(e) => setAutoAccept(e.target.value as AutoAccept)}>
            <option value="">keep as is</option>
            <option value="on">on</option>
            <option value="off">off</option>
          </select>
        </label>
        <label>
          Skills (comma-separated, e.g. german, billing){' '}
          <input data-testid="skills" value={skills} placeholder="keep" onChange={(e) => setSkills(e.target.value)} />
        </label>
        <p>
          <button type="submit" className="primary" data-testid="capacity-save" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>{' '}
          {saved && <span data-testid="capacity-saved">Saved.</span>}
        </p>
        {error && (
          <p className="error" role="alert" data-testid="capacity-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
