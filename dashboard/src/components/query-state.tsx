import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../lib/api-context.js';
import { ApiRequestError } from '../lib/api-error.js';

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Loading, error and empty states that say what to do, around the view of the data. */
export function QueryState<T>({ query, isEmpty, emptyText, children }: QueryStateProps<T>) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="state state-loading" role="status">
        {t('states.loading')}
      </p>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (isEmpty?.(query.data)) {
    return (
      <p className="state state-empty" role="status">
        {emptyText ?? t('states.empty')}
      </p>
    );
  }
  return <>{children(query.data)}</>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const { signOut } = useApi();
  const kind = error instanceof ApiRequestError ? error.kind : undefined;
  if (kind === 'unauthorized') {
    return (
      <div className="state state-error" role="alert">
        <p>{t('states.unauthorized')}</p>
        <button type="button" onClick={signOut}>
          {t('signIn.title')}
        </button>
      </div>
    );
  }
  if (kind === 'forbidden') {
    return (
      <div className="state state-error" role="alert">
        <p>{t('states.forbidden')}</p>
      </div>
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="state state-error" role="alert">
      <p>{t('states.error', { message })}</p>
      <p>{t('states.errorHint')}</p>
      <button type="button" onClick={onRetry}>
        {t('states.retry')}
      </button>
    </div>
  );
}
