import { useState } from 'preact/hooks';
import { ApiRequestError, apiSend } from '../api/client.ts';
import type { ApiKeySummary, CreatedApiKey } from '../api/types.ts';
import { DataState } from '../components/data-state.tsx';
import { TableHead } from '../components/table-head.tsx';
import { useApi } from '../hooks/use-api.ts';

/** API keys: create (the key is shown once, here), list by name and prefix, revoke. */
export function ApiKeys() {
  const keys = useApi<{ keys: ApiKeySummary[] }>('/api/auth/tokens');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    setError(null);
    try {
      const key = await apiSend<CreatedApiKey>('POST', '/api/auth/token', {
        name: String(form.get('name') ?? '').trim() || 'default',
        read_only: form.get('read_only') === 'on',
      });
      setCreated(key);
      formElement.reset();
      keys.reload();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'Could not create the key.');
    }
  }

  async function revoke(key: ApiKeySummary) {
    if (!confirm(`Revoke "${key.name}" (${key.prefix}…)? Clients using it stop working.`)) return;
    try {
      await apiSend('DELETE', `/api/auth/tokens/${encodeURIComponent(key.id)}`);
      if (created?.id === key.id) setCreated(null);
      keys.reload();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'Could not revoke the key.');
    }
  }

  return (
    <section class="card" aria-labelledby="keys-heading" data-section="api-keys">
      <h2 id="keys-heading">API keys</h2>
      <form class="inline-form" onSubmit={create}>
        <label>
          Name
          <input name="name" placeholder="laptop" maxLength={100} />
        </label>
        <label class="checkbox">
          <input type="checkbox" name="read_only" /> read-only
        </label>
        <button type="submit">Create key</button>
      </form>
      {created && (
        <div class="new-key" role="status" data-testid="new-key">
          <p>
            <strong>Copy this key now — it is not shown again.</strong>
          </p>
          <code class="key">{created.key}</code>{' '}
          <button type="button" onClick={() => void navigator.clipboard?.writeText(created.key)}>
            Copy
          </button>
          <p class="muted small">
            On the machine to connect: <code>devtime token set {created.key}</code>
          </p>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <DataState state={keys} label="keys">
        {(data) => (
          <table class="data-table">
            <TableHead
              columns={['Name', 'Key', 'Created', 'Last used', { label: 'Actions', hidden: true }]}
            />
            <tbody>
              {data.keys.map((key) => (
                <tr key={key.id} data-key-name={key.name}>
                  <th scope="row">
                    {key.name}
                    {key.read_only && <span class="muted small"> (read-only)</span>}
                  </th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.created_at.slice(0, 10)}</td>
                  <td>{key.last_used_at?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                  <td>
                    <button type="button" class="danger" onClick={() => void revoke(key)}>
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DataState>
    </section>
  );
}
