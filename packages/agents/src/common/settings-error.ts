/** An agent's settings file that DevTime must not rewrite because it cannot read it safely. */
export class AgentSettingsError extends Error {
  readonly path: string;

  constructor(path: string, reason: string) {
    super(`${path}: ${reason}; fix or move it, then run the command again (nothing was changed)`);
    this.name = 'AgentSettingsError';
    this.path = path;
  }
}
