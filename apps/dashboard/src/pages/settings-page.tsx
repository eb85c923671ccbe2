import { ApiKeys } from '../settings/api-keys.tsx';
import { ExportLinks } from '../settings/export-links.tsx';
import { MachinesList } from '../settings/machines-list.tsx';
import { PreferencesForm } from '../settings/preferences-form.tsx';
import { PrivacyInfo } from '../settings/privacy-info.tsx';

export function SettingsPage() {
  return (
    <section class="page" data-page="settings">
      <h1>Settings</h1>
      <ApiKeys />
      <div class="grid-2">
        <PreferencesForm />
        <ExportLinks />
      </div>
      <MachinesList />
      <PrivacyInfo />
    </section>
  );
}
