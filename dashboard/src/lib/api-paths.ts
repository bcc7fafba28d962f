/**
 * Every server path the dashboard uses, in one place so they follow the server easily.
 * The server mounts the API under /api/v1 and serves this dashboard from dashboard/dist.
 */
export const API_PREFIX = '/api/v1';

export const API_PATHS = {
  /** Which role account the token belongs to (`meResponseSchema`). */
  me: `${API_PREFIX}/me`,
  sites: `${API_PREFIX}/sites`,
  trends: `${API_PREFIX}/trends`,
  hotspots: `${API_PREFIX}/hotspots`,
  summary: `${API_PREFIX}/summary`,
  privacy: `${API_PREFIX}/privacy`,
  audit: `${API_PREFIX}/audit`,
  settings: `${API_PREFIX}/settings`,
  /** The model card (`modelCardResponseSchema`); a 404 (no model shipped) shows the bundled summary. */
  modelCard: `${API_PREFIX}/model` as string | null,
  live: `${API_PREFIX}/live`,
} as const;

/** Browsers cannot set headers on a WebSocket, so the token travels as a query parameter. */
export const LIVE_TOKEN_PARAM = 'token';
