import { AlertSettingsPanel } from './AlertSettingsPanel';
import { CapacityPanel } from './CapacityPanel';

/** /settings: my alerts and my capacity. */
export function SettingsPage() {
  return (
    <main className="page settings-page" aria-label="My settings">
      <h1>My settings</h1>
      <CapacityPanel />
      <AlertSettingsPanel />
    </main>
  );
}
