/**
 * Privacy is enforced on the machine that uploads, before anything leaves it (the server never sees what
 * is excluded), so this section explains the client settings rather than offering server switches.
 */
export function PrivacyInfo() {
  return (
    <section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy</h2>
      <p>
        DevTime stores metadata only: never code, diffs, prompts, replies or command text. What leaves each
        machine is decided there, in <code>~/.devtime/config.toml</code>:
      </p>
      <pre>
        <code>{`[privacy]
hash_file_paths = true                 # send a keyed hash of each path instead of the path
exclude_projects = ["client-*"]        # never upload these projects
exclude_files = [".env", "secrets/**"] # drop these files from rollups`}</code>
      </pre>
      <p class="muted small">
        Every upload command takes <code>--dry-run</code> and prints exactly what it would send. To remove
        data uploaded from a machine, delete the machine below with its agent sessions.
      </p>
    </section>
  );
}
