import {
  type AuditEntry,
  auditResponseSchema,
  type HotspotQuery,
  type HotspotsResponse,
  hotspotsResponseSchema,
  type MeResponse,
  meResponseSchema,
  modelCardResponseSchema,
  type PeriodSummaryResponse,
  type PrivacyResponse,
  periodSummaryResponseSchema,
  privacyResponseSchema,
  type RangeQuery,
  type SettingsUpdate,
  type SitesResponse,
  settingsUpdateSchema,
  sitesResponseSchema,
  type TrendQuery,
  type TrendsResponse,
  trendsResponseSchema,
} from '@haltung/protocol';
import { z } from 'zod';
import { ApiRequestError, errorFromResponse } from './api-error.js';
import { API_PATHS, LIVE_TOKEN_PARAM } from './api-paths.js';
import { fromServerCard, type ModelCard } from './model-card.js';

export interface ApiClientOptions {
  /** Bearer token of a role account; null before sign-in. */
  token: string | null;
  /** Origin of the server; defaults to the page's own (the server serves the dashboard). */
  baseUrl?: string;
  /** Injected for tests; defaults to the browser's fetch. */
  fetchFn?: typeof fetch;
  /** Where the server offers the model card; defaults to API_PATHS.modelCard (null: nowhere). */
  modelCardPath?: string | null;
}

type Query = Record<string, string | number | undefined>;

/** Typed access to the server: every answer is parsed with the protocol's schemas before use. */
export function createApiClient({
  token,
  baseUrl,
  fetchFn,
  modelCardPath = API_PATHS.modelCard,
}: ApiClientOptions) {
  const origin = baseUrl ?? globalThis.location?.origin ?? 'http://localhost';
  const doFetch = fetchFn ?? ((input, init) => globalThis.fetch(input, init));

  const url = (path: string, query: Query = {}) => {
    const u = new URL(path, origin);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') u.searchParams.set(key, String(value));
    }
    return u.toString();
  };

  async function request<T>(
    schema: z.ZodType<T>,
    path: string,
    query?: Query,
    init?: RequestInit,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (init?.body) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url(path, query), { ...init, headers });
    } catch (cause) {
      throw new ApiRequestError(
        'network',
        path,
        `${path}: the server could not be reached`,
        undefined,
        undefined,
        {
          cause,
        },
      );
    }
    if (!response.ok) throw await errorFromResponse(path, response);
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new ApiRequestError(
        'bad_response',
        path,
        `${path}: the answer is not JSON`,
        response.status,
        undefined,
        {
          cause,
        },
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new ApiRequestError(
        'bad_response',
        path,
        `${path}: unexpected answer (${detail})`,
        response.status,
      );
    }
    return parsed.data;
  }

  return {
    /** The role account the token belongs to. */
    me: (): Promise<MeResponse> => request(meResponseSchema, API_PATHS.me),
    sites: (): Promise<SitesResponse> => request(sitesResponseSchema, API_PATHS.sites),
    trends: (q: TrendQuery): Promise<TrendsResponse> => request(trendsResponseSchema, API_PATHS.trends, q),
    hotspots: (q: HotspotQuery): Promise<HotspotsResponse> =>
      request(hotspotsResponseSchema, API_PATHS.hotspots, q),
    summary: (q: RangeQuery): Promise<PeriodSummaryResponse> =>
      request(periodSummaryResponseSchema, API_PATHS.summary, q),
    privacy: (): Promise<PrivacyResponse> => request(privacyResponseSchema, API_PATHS.privacy),
    audit: async (): Promise<AuditEntry[]> => (await request(auditResponseSchema, API_PATHS.audit)).entries,
    /** The server's model card, or null when the server offers none. */
    modelCard: async (): Promise<ModelCard | null> =>
      modelCardPath ? fromServerCard(await request(modelCardResponseSchema, modelCardPath)) : null,
    updateSettings: (update: SettingsUpdate): Promise<unknown> =>
      request(z.unknown(), API_PATHS.settings, undefined, {
        method: 'PUT',
        body: JSON.stringify(settingsUpdateSchema.parse(update)),
      }),
    /** ws:// or wss:// URL of the live feed for a site. */
    liveUrl: (site: string): string => {
      const u = new URL(url(API_PATHS.live, { site, [LIVE_TOKEN_PARAM]: token ?? undefined }));
      u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
      return u.toString();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
