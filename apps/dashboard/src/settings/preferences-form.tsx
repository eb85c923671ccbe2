import { useMemo, useState } from 'preact/hooks';
import { ApiRequestError, apiSend } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { useSession } from '../auth/session.ts';

/** Time zone and keystroke timeout (`PATCH /api/me/settings`); a new timeout recomputes all durations. */
export function PreferencesForm() {
  const { user, refresh } = useSession();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Controlled: Preact does not apply defaultValue to a <select>, which would show the first zone.
  const [timeZone, setTimeZone] = useState(user.timezone);
  // ~400 names: listed once, not on every render of the form.
  const zones = useMemo(() => {
    const supported = Intl.supportedValuesOf('timeZone');
    return supported.includes(user.timezone) ? supported : [user.timezone, ...supported];
  }, [user.timezone]);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    try {
      await apiSend<{ user: User }>('PATCH', '/api/me/settings', {
        timezone: String(form.get('timezone')),
        timeout_minutes: Number(form.get('timeout')),
      });
      await refresh();
      setMessage({ ok: true, text: 'Saved.' });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof ApiRequestError ? error.message : 'Could not save.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">Time</h2>
      <form class="stack" onSubmit={save}>
        <label>
          Time zone (days and weeks are cut here)
          <select
            name="timezone"
            value={timeZone}
            onChange={(event) => setTimeZone(event.currentTarget.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <label>
          Keystroke timeout, minutes (1–120): a gap up to this long between events counts as work
          <input
            name="timeout"
            type="number"
            min={1}
            max={120}
            required
            defaultValue={String(user.timeout_minutes)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {message && (
          <p class={message.ok ? 'ok' : 'error'} role="status">
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
