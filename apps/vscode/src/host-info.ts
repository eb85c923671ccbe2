/** What VS Code says about where it runs (vscode.env). */
export interface HostSignals {
  appName: string;
  uriScheme: string;
  appHost?: string | undefined;
  remoteName?: string | undefined;
}

const KNOWN_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/cursor/i, 'Cursor'],
  [/vscodium/i, 'VSCodium'],
  [/code-server/i, 'code-server'],
  [/windsurf/i, 'Windsurf'],
  [/insiders/i, 'VS Code Insiders'],
  [/visual studio code|^vscode$/i, 'VS Code'],
  [/code - oss|code-oss/i, 'Code - OSS'],
];

/**
 * The host editor's display name for the heartbeat's `editor` field: "VS Code", "Cursor", "VSCodium",
 * "code-server" (appName first, the URI scheme as a fallback), with the remote kind when the extension
 * runs in a remote (SSH, WSL, dev container, Codespaces): "VS Code (ssh-remote)".
 */
export function detectHost(signals: HostSignals): string {
  const byName = KNOWN_HOSTS.find(([pattern]) => pattern.test(signals.appName))?.[1];
  const byScheme = KNOWN_HOSTS.find(([pattern]) => pattern.test(signals.uriScheme))?.[1];
  const name = byName ?? byScheme ?? (signals.appName || 'VS Code');
  // Remote kinds are ids ("ssh-remote", "wsl"); web servers such as code-server report their own
  // host:port authority here instead, which is not a remote the user chose.
  const remote =
    signals.remoteName && /^[a-z][a-z0-9+-]*$/i.test(signals.remoteName) ? signals.remoteName : null;
  return remote ? `${name} (${remote})` : name;
}
