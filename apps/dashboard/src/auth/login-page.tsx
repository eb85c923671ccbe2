import { useState } from 'preact/hooks';
import { ApiRequestError, apiSend } from '../api/client.ts';
import type { User } from '../api/types.ts';
import { Segmented } from '../components/segmented.tsx';

type Mode = 'password' | 'key';

/**
 * Logs in through `POST /api/auth/login`, which sets the HttpOnly session cookie: with the username and
 * password printed on the server's first run, or by pasting an API key.
 */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (user: User) => void }) {
  const [mode, setMode] = useState<Mode>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const body =
      mode === 'password'
        ? {
            username: String(form.get('username') ?? '').trim(),
            password: String(form.get('password') ?? ''),
          }
        : { api_key: String(form.get('api_key') ?? '').trim() };
    setBusy(true);
    setError(null);
    try {
      const { user } = await apiSend<{ user: User }>('POST', '/api/auth/login', body);
      onLoggedIn(user);
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'Login failed.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login" id="main">
      <h1>DevTime</h1>
      <p class="muted">Log in to see where your time went.</p>
      <Segmented label="Log in with">
        <button type="button" aria-pressed={mode === 'password'} onClick={() => setMode('password')}>
          Password
        </button>
        <button type="button" aria-pressed={mode === 'key'} onClick={() => setMode('key')}>
          API key
        </button>
      </Segmented>
      <form onSubmit={submit} class="stack">
        {mode === 'password' ? (
          <>
            <label>
              Username
              <input name="username" autoComplete="username" required />
            </label>
            <label>
              Password
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        ) : (
          <label>
            API key
            <input name="api_key" autoComplete="off" spellcheck={false} placeholder="waka_…" required />
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p class="muted small">
        The first <code>devtime serve</code> printed your username, password and an API key; the key is also
        in <code>~/.devtime/config.toml</code>.
      </p>
    </main>
  );
}
