import type { Role } from '@haltung/protocol';
import { QueryClient } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { App } from '../app.js';
import { AppProviders } from '../app-providers.js';
import { createI18n } from '../i18n/setup-i18n.js';
import type { Language } from '../i18n/translations.js';
import type { SocketLike } from '../lib/live-socket.js';
import { type FixtureFetch, fixtureFetch } from './fixture-server.js';

// No Vitest globals here, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  window.location.hash = '';
  sessionStorage.clear();
  localStorage.clear();
});

export interface RenderAppOptions {
  role?: Role | null;
  language?: Language;
  view?: string;
  server?: FixtureFetch;
  createSocket?: (url: string) => SocketLike;
  modelCardPath?: string | null;
}

/** Renders the whole app signed in with `role`, answering from fixtures. */
export function renderApp({
  role = 'safety_officer',
  language = 'en',
  view,
  server,
  createSocket,
  modelCardPath = null,
}: RenderAppOptions = {}) {
  const api = server ?? fixtureFetch();
  if (view) window.location.hash = `#/${view}`;
  const i18n = createI18n(language);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <AppProviders
      i18n={i18n}
      queryClient={queryClient}
      fetchFn={api.fetch}
      baseUrl="http://dashboard.test"
      createSocket={createSocket}
      modelCardPath={modelCardPath}
      initialSession={role ? { token: `token-of-${role}-0123456789`, role } : null}
    >
      <App />
    </AppProviders>,
  );
  return { ...result, i18n, server: api };
}
