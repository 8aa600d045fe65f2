import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { adminRequest, onUnauthenticated, setBearer } from '../api/client';
import type { DashboardLoginMutation } from '../gql/graphql';
import { LoginDocument } from './auth.documents';

export type SessionUser = DashboardLoginMutation['login']['user'];

interface StoredSession {
  token: string;
  expiresAt: number;
  user: SessionUser;
}

interface SessionState {
  session: StoredSession | undefined;
  /** why the last session ended, shown on the sign-in page */
  endedBecause: string | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(reason?: string): void;
}

const STORAGE_KEY = 'omnibus.dashboard.session';
const SessionContext = createContext<SessionState | undefined>(undefined);

/** the stored sign-in, unless its JWT has expired (the session ends exactly when the token does) */
function readStored(): StoredSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return undefined;
    const stored = JSON.parse(raw) as StoredSession;
    return stored.expiresAt > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** the token's own `exp` when it has one, else now + expiresIn */
export function expiryOf(token: string, expiresInSeconds: number, now = Date.now()): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // not a JWT we can read: fall back to expiresIn
  }
  return now + expiresInSeconds * 1000;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<StoredSession | undefined>(() => {
    const stored = readStored();
    setBearer(stored?.token);
    return stored;
  });
  const [endedBecause, setEndedBecause] = useState<string>();

  const signOut = useCallback(
    (reason?: string) => {
      sessionStorage.removeItem(STORAGE_KEY);
      setBearer(undefined);
      setSession(undefined);
      setEndedBecause(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const { login } = await adminRequest(LoginDocument, { input: { email, password } });
    const next: StoredSession = { token: login.accessToken, expiresAt: expiryOf(login.accessToken, login.expiresIn), user: login.user };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setBearer(next.token);
    setEndedBecause(undefined);
    setSession(next);
  }, []);

  // end the session when the JWT expires, and when the API says the sign-in is no longer valid
  useEffect(() => {
    if (!session) return;
    const timer = setTimeout(
      () => signOut('Your session has expired. Please sign in again.'),
      Math.min(2 ** 31 - 1, Math.max(0, session.expiresAt - Date.now())),
    );
    const unsubscribe = onUnauthenticated(() => signOut('Your session has expired. Please sign in again.'));
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [session, signOut]);

  const value = useMemo(() => ({ session, endedBecause, signIn, signOut }), [session, endedBecause, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** the caller's role on a channel (superadmins may do everything) */
export function roleOn(user: SessionUser, channelId: string): 'SUPERADMIN' | 'BRAND_MANAGER' | 'VIEWER' | undefined {
  if (user.superadmin) return 'SUPERADMIN';
  return user.grants.find((grant) => grant.channelId === channelId)?.role;
}
