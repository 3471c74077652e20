import { AlertSettingsPanel } from './AlertSettingsPanel';
import { CapacityPanel } from './CapacityPanel';
import { ProfilePanel } from './ProfilePanel';

/** /settings: my profile, my capacity and my alerts. */
export function SettingsPage() {
  return (
    <main className="page settings-page" aria-label="My settings">
      <h1>My settings</h1>
      <ProfilePanel />
      <CapacityPanel />
      <AlertSettingsPanel />
    </main>
  );
}
