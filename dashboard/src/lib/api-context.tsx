import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type ApiClient, createApiClient } from './api-client.js';
import type { SocketLike } from './live-socket.js';
import { loadSession, type Session, saveSession } from './session-storage.js';

interface ApiContextValue {
  api: ApiClient;
  session: Session | null;
  /** Checks the token with the server and keeps it for this tab; throws ApiRequestError if refused. */
  signIn(token: string): Promise<void>;
  signOut(): void;
  createSocket?: (url: string) => SocketLike;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export interface ApiProviderProps {
  children: ReactNode;
  fetchFn?: typeof fetch;
  baseUrl?: string;
  createSocket?: (url: string) => SocketLike;
  modelCardPath?: string | null;
  /** Start signed in (tests); otherwise the tab's stored session is used. */
  initialSession?: Session | null;
}

export function ApiProvider({
  children,
  fetchFn,
  baseUrl,
  createSocket,
  modelCardPath,
  initialSession,
}: ApiProviderProps) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() =>
    initialSession === undefined ? loadSession() : initialSession,
  );
  const api = useMemo(
    () => createApiClient({ token: session?.token ?? null, baseUrl, fetchFn, modelCardPath }),
    [session?.token, baseUrl, fetchFn, modelCardPath],
  );

  const signIn = useCallback(
    async (token: string) => {
      const { role } = await createApiClient({ token, baseUrl, fetchFn }).me();
      const next = { token, role };
      saveSession(next);
      queryClient.clear();
      setSession(next);
    },
    [baseUrl, fetchFn, queryClient],
  );

  const signOut = useCallback(() => {
    saveSession(null);
    queryClient.clear();
    setSession(null);
  }, [queryClient]);

  const value = useMemo(
    () => ({ api, session, signIn, signOut, createSocket }),
    [api, session, signIn, signOut, createSocket],
  );
  return <ApiContext value={value}>{children}</ApiContext>;
}

export function useApi(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi() needs an <ApiProvider> above it');
  return value;
}
