import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { ApiError, errorMessage, setUnauthorizedListener } from '../api/http';
import type { OperatorDto } from '../api/types';

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; message: string }
  | { status: 'authenticated'; operator: OperatorDto };

interface SessionContextValue {
  session: Session;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  recheck(): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Who is logged in: asks /api/auth/me on load; the HttpOnly cookie does the rest. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (operator) => !cancelled && setSession({ status: 'authenticated', operator }),
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) setSession({ status: 'anonymous' });
        else setSession({ status: 'error', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [generation]);

  useEffect(() => {
    setUnauthorizedListener(() => setSession({ status: 'anonymous' }));
    return () => setUnauthorizedListener(null);
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    const response = await api.login(email, password);
    setSession({ status: 'authenticated', operator: response.operator });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ status: 'anonymous' });
    }
  }, []);

  const recheck = useCallback(() => {
    setSession({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const value = useMemo(() => ({ session, login, logout, recheck }), [session, login, logout, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
