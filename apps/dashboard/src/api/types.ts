// Types only: the wire shapes come from the server's own packages, so a change there fails this typecheck.
export type {
  AgentActivityResponse,
  HourWeekdayResponse,
  ProjectFilesResponse,
} from '@devtime/api/dashboard-api';
export type {
  AgentSessionRollup,
  ApiKeySummary,
  CreatedApiKey,
  MachineListResponse,
  MachineSummary,
  SessionsResponse,
  StatsResponse,
  TokenTotals,
} from '@devtime/protocol';

/** `GET /api/me` and `PATCH /api/me/settings` (`publicUser` in packages/api/src/routes/auth.ts). */
export interface User {
  id: string;
  username: string;
  timezone: string;
  timeout_minutes: number;
  is_admin: boolean;
}

/** One entry of `GET /api/agent/sessions`. */
export interface AgentSessionListItem {
  agent: string;
  session_id: string;
  project: string | null;
  branch: string | null;
  machine_id: string | null;
  started_at: number;
  ended_at: number;
  turns: number;
  prompts: number;
}
