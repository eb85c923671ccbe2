/**
 * How to get data in, shown wherever a new user would otherwise see zeros: the README's commands, with
 * this server's own address filled in.
 */
export function ConnectHelp({ heading = 'No activity yet' }: { heading?: string }) {
  const origin = window.location.origin;
  return (
    <section class="card empty-state" aria-labelledby="connect-heading">
      <h2 id="connect-heading">{heading}</h2>
      <p>DevTime counts time from what your editors and AI agents send. To connect them on this machine:</p>
      <ol class="steps">
        <li>
          <strong>Your key and endpoint.</strong> The first <code>devtime serve</code> wrote them to{' '}
          <code>~/.devtime/config.toml</code> (<code>[api] endpoint = "{origin}"</code> and <code>key</code>).
          On another machine, create a key under <a href="/settings">Settings → API keys</a> and run{' '}
          <code>devtime token set &lt;key&gt;</code>.
        </li>
        <li>
          <strong>AI agents (Claude Code, Codex).</strong> From the DevTime checkout:
          <pre>
            <code>{`alias devtime="node $PWD/apps/cli/bin/devtime.js"
devtime detect            # which agents are installed
devtime install           # hook them up
devtime backfill import   # import past sessions`}</code>
          </pre>
        </li>
        <li>
          <strong>Editors.</strong> DevTime's editor plugins read the same <code>~/.devtime/config.toml</code>
          . Any other client can send heartbeats itself:
          <pre>
            <code>{`curl -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \\
  -d '{"tool":"vscode","timestamp":'$(date +%s%3N)',"project":"demo","language":"Go"}' \\
  ${origin}/api/heartbeat`}</code>
          </pre>
        </li>
      </ol>
      <p class="muted small">Figures refresh by themselves every minute while this tab is open.</p>
    </section>
  );
}
