import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from './lib/api-paths.js';
import { apiError, fixtureFetch, json } from './test/fixture-server.js';
import * as fx from './test/fixtures.js';
import { renderApp } from './test/render-app.js';

const TOKEN = 'a-long-token-for-tests-0001';

/** A server that knows one token with the given role and enforces the server's role rules. */
function serverWithRole(role: 'safety_officer' | 'works_council' | 'admin') {
  const guard = (allowed: string[], ok: () => Response) => (_url: URL, init?: RequestInit) => {
    const auth = new Headers(init?.headers).get('authorization');
    if (auth !== `Bearer ${TOKEN}`) return apiError(401, 'UNAUTHORIZED', 'unknown API token');
    return allowed.includes(role) ? ok() : apiError(403, 'FORBIDDEN', `role ${role} may not do this`);
  };
  const all = ['safety_officer', 'works_council', 'admin'];
  return fixtureFetch({
    [API_PATHS.me]: guard(all, () => json({ name: `${role}-account`, role })),
    [API_PATHS.privacy]: guard(all, () => json(fx.privacyAnswer)),
    [API_PATHS.sites]: guard(all, () => json(fx.sites)),
    [API_PATHS.audit]: guard(['works_council', 'admin'], () => json({ entries: fx.auditEntries })),
    [API_PATHS.settings]: guard(['admin'], () => json(fx.privacyAnswer)),
  });
}

async function signIn(token: string) {
  fireEvent.change(await screen.findByLabelText('API token'), { target: { value: token } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in and roles', () => {
  it('finds the role of the token and shows only that role’s views', async () => {
    for (const [role, views] of [
      ['safety_officer', ['Overview', 'Zones', 'Live', 'Transparency']],
      ['works_council', ['Transparency']],
      ['admin', ['Overview', 'Zones', 'Live', 'Transparency', 'Settings']],
    ] as const) {
      const { unmount } = renderApp({ role: null, server: serverWithRole(role) });
      await signIn(TOKEN);
      const nav = await screen.findByRole('navigation', { name: 'Views' });
      expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(views);
      expect(JSON.parse(sessionStorage.getItem('haltung.session') ?? '{}')).toEqual({ token: TOKEN, role });
      unmount();
      sessionStorage.clear();
    }
  });

  it('says a refused token was not accepted, and keeps nothing', async () => {
    renderApp({ role: null, server: serverWithRole('admin') });
    await signIn('wrong-token-0000000000');
    expect(await screen.findByText(/This token was not accepted/)).toBeTruthy();
    expect(sessionStorage.getItem('haltung.session')).toBeNull();
  });

  it('says when the server cannot be reached', async () => {
    const server = fixtureFetch({
      [API_PATHS.me]: () => Promise.reject(new TypeError('fetch failed')),
    });
    renderApp({ role: null, server });
    await signIn(TOKEN);
    expect(await screen.findByText(/The server could not be reached/)).toBeTruthy();
  });

  it('signs out and forgets the token', async () => {
    renderApp({ role: 'works_council' });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByLabelText('API token')).toBeTruthy();
    expect(sessionStorage.getItem('haltung.session')).toBeNull();
  });

  it('keeps the chosen site and period when moving between views', async () => {
    const { server } = renderApp({ role: 'safety_officer', view: 'overview' });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Period' }), { target: { value: 'day' } });
    act(() => {
      window.location.hash = '#/zones';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    await screen.findByRole('heading', { name: 'Zones', level: 2 });
    expect((screen.getByRole('combobox', { name: 'Period' }) as HTMLSelectElement).value).toBe('day');
    const hot = server.requests.filter((r) => r.url.pathname === API_PATHS.hotspots).at(-1);
    const spanMs = Number(hot?.url.searchParams.get('toMs')) - Number(hot?.url.searchParams.get('fromMs'));
    expect(spanMs).toBe(86_400_000);
  });

  it('has no view that picks a person or a device', async () => {
    renderApp({ role: 'admin', view: 'zones' });
    await screen.findByRole('button', { name: 'Show details of zone goods-in' });
    const labels = [...document.querySelectorAll('label, th, legend, a, button')].map(
      (e) => e.textContent ?? '',
    );
    expect(labels.filter((l) => /worker id|device|person|employee|Mitarbeiter|Gerät/i.test(l))).toEqual([]);
  });
});
