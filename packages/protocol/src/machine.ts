import { z } from 'zod';

export { MACHINE_HEADERS, MACHINE_ID_PATTERN } from './machine-identity.ts';

export interface MachineSummary {
  id: string;
  /** The display name the user chose (`PATCH /api/machines/:id`), or null: show the hostname. */
  name: string | null;
  /** As last reported by the machine (`X-Machine-Name`). */
  hostname: string | null;
  os: string | null;
  first_seen: string;
  last_seen: string;
}

export interface MachineListResponse {
  machines: MachineSummary[];
}

/** `PATCH /api/machines/:id`: a new display name, or null to go back to the hostname. */
export const renameMachineRequestSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty').max(100).nullable(),
});

export interface RenameMachineResponse {
  machine: MachineSummary;
}

/** `DELETE /api/machines/:id[?purge=true]`. */
export interface DeleteMachineResponse {
  ok: true;
  /** Whether the machine was in the list (a purge may find sessions from a machine never listed). */
  machine_deleted: boolean;
  /** Agent sessions deleted with the machine (0 without `purge=true`). */
  purged_agent_sessions: number;
}
