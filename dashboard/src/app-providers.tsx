import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiProvider, type ApiProviderProps } from './lib/api-context.js';

interface AppProvidersProps extends Omit<ApiProviderProps, 'children'> {
  i18n: I18n;
  queryClient: QueryClient;
  children: ReactNode;
}

/** Everything the views need around them; tests pass their own fetch, socket and session. */
export function AppProviders({ i18n, queryClient, children, ...api }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider {...api}>{children}</ApiProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
