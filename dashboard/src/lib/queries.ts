import type { HotspotQuery, RangeQuery, SettingsUpdate, TrendQuery } from '@haltung/protocol';
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context.js';
import { ApiRequestError } from './api-error.js';
import { BUNDLED_MODEL_CARD } from './model-card.js';

/** Aggregates change once per bucket at most, so a minute of caching costs nothing. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // Retrying cannot fix a refused token, a missing route or a malformed answer.
        retry: (failures, error) =>
          failures < 2 &&
          !(error instanceof ApiRequestError && error.kind !== 'network' && error.kind !== 'server'),
      },
    },
  });
}

export function useSites() {
  const { api } = useApi();
  return useQuery({ queryKey: ['sites'], queryFn: api.sites });
}

export function useTrends(query: TrendQuery | null) {
  const { api } = useApi();
  return useQuery({
    queryKey: ['trends', query],
    queryFn: () => api.trends(query as TrendQuery),
    enabled: query !== null,
    // Keep only the zone asked for, even if a server answers with more.
    select: (data) =>
      query?.zone ? { ...data, series: data.series.filter((x) => x.zoneId === query.zone) } : data,
  });
}

export function useHotspots(query: HotspotQuery | null) {
  const { api } = useApi();
  return useQuery({
    queryKey: ['hotspots', query],
    queryFn: () => api.hotspots(query as HotspotQuery),
    enabled: query !== null,
  });
}

export function useSummary(query: RangeQuery | null) {
  const { api } = useApi();
  return useQuery({
    queryKey: ['summary', query],
    queryFn: () => api.summary(query as RangeQuery),
    enabled: query !== null,
    select: (data) =>
      query?.zone ? { ...data, zones: data.zones.filter((z) => z.zoneId === query.zone) } : data,
  });
}

export function usePrivacy() {
  const { api } = useApi();
  return useQuery({ queryKey: ['privacy'], queryFn: api.privacy });
}

export function useAudit(enabled: boolean) {
  const { api } = useApi();
  return useQuery({ queryKey: ['audit'], queryFn: api.audit, enabled });
}

/** The server's model card, or the bundled summary when the server offers none (no path, or 404). */
export function useModelCard() {
  const { api } = useApi();
  return useQuery({
    queryKey: ['model-card'],
    queryFn: async () => {
      try {
        return (await api.modelCard()) ?? BUNDLED_MODEL_CARD;
      } catch (error) {
        if (error instanceof ApiRequestError && error.kind === 'not_found') return BUNDLED_MODEL_CARD;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useUpdateSettings() {
  const { api } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: SettingsUpdate) => api.updateSettings(update),
    // Every answer depends on the settings (k, bucket), so everything is refetched.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
