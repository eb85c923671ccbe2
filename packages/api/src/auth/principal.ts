import type { UserRecord } from '@devtime/storage';

/** Who is calling, and with what rights. */
export interface Principal {
  user: UserRecord;
  /** The API key in use, or null for a dashboard session. */
  keyId: string | null;
  readOnly: boolean;
  via: 'key' | 'session';
}
