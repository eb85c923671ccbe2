import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from '../api/types.ts';

export interface Session {
  user: User;
  /** Re-reads `/api/me` (after settings change the time zone, for instance). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The logged-in user; only rendered inside the app shell, which shows the login page without one. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in app');
  return session;
}
