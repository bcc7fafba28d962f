import { API_PATHS } from '../lib/api-paths.js';
import * as fx from './fixtures.js';

type Handler = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

export interface FixtureFetch {
  fetch: typeof fetch;
  /** Every request made, in order: method, path with query, authorization header. */
  requests: { method: string; url: URL; authorization: string | null; body: string | null }[];
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const apiError = (status: number, code: string, error: string) =>
  json({ error, code, statusCode: status }, status);

/** The default answers, by path; a test overrides the paths it is about. */
export function defaultRoutes(): Record<string, Handler> {
  return {
    [API_PATHS.sites]: () => json(fx.sites),
    [API_PATHS.trends]: () => json(fx.trends),
    [API_PATHS.summary]: () => json(fx.summary),
    [API_PATHS.hotspots]: (url) =>
      json(fx.hotspots(url.searchParams.get('by') === 'weekday' ? 'weekday' : 'hour')),
    [API_PATHS.privacy]: () => json(fx.privacyAnswer),
    [API_PATHS.audit]: () => json({ entries: fx.auditEntries }),
  };
}

/** A fetch that answers from fixtures by path (404 for unknown paths) and records each request. */
export function fixtureFetch(overrides: Record<string, Handler> = {}): FixtureFetch {
  const routes = { ...defaultRoutes(), ...overrides };
  const requests: FixtureFetch['requests'] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    requests.push({
      method: init?.method ?? 'GET',
      url,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? init.body : null,
    });
    const handler = routes[url.pathname];
    return handler ? handler(url, init) : apiError(404, 'NOT_FOUND', `no route ${url.pathname}`);
  };
  return { fetch: fetchFn as typeof fetch, requests };
}
