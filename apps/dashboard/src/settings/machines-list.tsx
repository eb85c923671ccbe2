import { useState } from 'preact/hooks';
import { ApiRequestError, apiSend } from '../api/client.ts';
import type { MachineListResponse, MachineSummary } from '../api/types.ts';
import { DataState } from '../components/data-state.tsx';
import { useApi } from '../hooks/use-api.ts';

/** Machines seen through X-Machine-Id: rename (empty name = back to the hostname), delete (optionally purge). */
export function MachinesList() {
  const machines = useApi<MachineListResponse>('/api/machines');
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      machines.reload();
    } catch (caught) {
      setError(caught instanceof ApiRequestError ? caught.message : 'The change failed.');
    }
  }
  const rename = (machine: MachineSummary, name: string) =>
    run(() =>
      apiSend('PATCH', `/api/machines/${encodeURIComponent(machine.id)}`, { name: name.trim() || null }),
    );
  const remove = (machine: MachineSummary, purge: boolean) => {
    const label = machine.name ?? machine.hostname ?? machine.id;
    const what = purge ? 'and delete the agent sessions uploaded from it' : '(its time stays counted)';
    if (!confirm(`Forget machine "${label}" ${what}?`)) return;
    void run(() =>
      apiSend('DELETE', `/api/machines/${encodeURIComponent(machine.id)}${purge ? '?purge=true' : ''}`),
    );
  };

  return (
    <section class="card" aria-labelledby="machines-heading">
      <h2 id="machines-heading">Machines</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <DataState state={machines} label="machines">
        {(data) =>
          data.machines.length === 0 ? (
            <p class="muted">No machine has reported yet. Clients send X-Machine-Id with their heartbeats.</p>
          ) : (
            <ul class="machine-list">
              {data.machines.map((machine) => (
                <li key={machine.id}>
                  <form
                    class="inline-form"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
                        'name',
                      ) as HTMLInputElement;
                      void rename(machine, input.value);
                    }}
                  >
                    <label>
                      Name
                      <input
                        name="name"
                        defaultValue={machine.name ?? ''}
                        placeholder={machine.hostname ?? machine.id}
                      />
                    </label>
                    <button type="submit">Rename</button>
                    <button type="button" class="danger" onClick={() => remove(machine, false)}>
                      Delete
                    </button>
                    <button type="button" class="danger" onClick={() => remove(machine, true)}>
                      Delete with its agent sessions
                    </button>
                  </form>
                  <p class="muted small">
                    {machine.hostname ?? 'unknown host'} · {machine.os ?? 'unknown OS'} · last seen{' '}
                    {machine.last_seen.slice(0, 16).replace('T', ' ')} · <code>{machine.id}</code>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </DataState>
    </section>
  );
}
