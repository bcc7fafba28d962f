import { settingsUpdateSchema } from '@haltung/protocol';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from '../../lib/api-paths.js';
import { apiError, fixtureFetch, json } from '../../test/fixture-server.js';
import * as fx from '../../test/fixtures.js';
import { renderApp } from '../../test/render-app.js';

function adminServer() {
  let settings = { ...fx.privacyAnswer.settings };
  return fixtureFetch({
    [API_PATHS.privacy]: () => json({ ...fx.privacyAnswer, settings }),
    [API_PATHS.settings]: (_url, init) => {
      const update = settingsUpdateSchema.parse(JSON.parse(String(init?.body)));
      if (update.k === 99) return apiError(400, 'VALIDATION', 'k: too large for this site');
      settings = { ...settings, ...update };
      return json({ ...fx.privacyAnswer, settings });
    },
  });
}

describe('settings (admin)', () => {
  it('is offered to the admin only', async () => {
    renderApp({ role: 'admin' });
    expect(screen.getByRole('link', { name: 'Settings' })).toBeTruthy();
    renderApp({ role: 'safety_officer', view: 'settings' });
    expect(screen.getAllByRole('link', { name: 'Settings' })).toHaveLength(1);
  });

  it('sends only the changed settings, then shows them in force', async () => {
    const server = adminServer();
    renderApp({ role: 'admin', view: 'settings', server });
    const k = (await screen.findByRole('textbox', { name: /Minimum group size k/ })) as HTMLInputElement;
    expect(k.value).toBe('5');
    expect((screen.getByRole('textbox', { name: /Time bucket in minutes/ }) as HTMLInputElement).value).toBe(
      '15',
    );
    fireEvent.change(k, { target: { value: '7' } });
    fireEvent.change(screen.getByRole('textbox', { name: /ε for differential privacy/ }), {
      target: { value: '0,5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Saved. The change is in the audit log.')).toBeTruthy();
    const put = server.requests.find((r) => r.method === 'PUT');
    expect(put?.url.pathname).toBe(API_PATHS.settings);
    expect(JSON.parse(put?.body ?? '')).toEqual({ k: 7, epsilon: 0.5 });
    await waitFor(() =>
      expect((screen.getByRole('textbox', { name: /Minimum group size k/ }) as HTMLInputElement).value).toBe(
        '7',
      ),
    );
  });

  it('asks once more before a change that protects workers less, then sends it', async () => {
    const server = adminServer();
    renderApp({ role: 'admin', view: 'settings', server });
    fireEvent.change(await screen.findByRole('textbox', { name: /Minimum group size k/ }), {
      target: { value: '3' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A smaller k shows figures of smaller groups');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.click(within(alert).getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText('Saved. The change is in the audit log.')).toBeTruthy();
    expect(JSON.parse(server.requests.find((r) => r.method === 'PUT')?.body ?? '')).toEqual({ k: 3 });
  });

  it('points at the field that is out of range without sending anything', async () => {
    const server = adminServer();
    renderApp({ role: 'admin', view: 'settings', server });
    const bucket = await screen.findByRole('textbox', { name: /Time bucket in minutes/ });
    fireEvent.change(bucket, { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Check the highlighted field: Time bucket in minutes/)).toBeTruthy();
    expect(bucket.getAttribute('aria-invalid')).toBe('true');
    expect(server.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('shows the server’s reason when it refuses a change', async () => {
    renderApp({ role: 'admin', view: 'settings', server: adminServer() });
    fireEvent.change(await screen.findByRole('textbox', { name: /Minimum group size k/ }), {
      target: { value: '99' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Not saved: .*k: too large for this site/)).toBeTruthy();
    const audit = screen.getByRole('region', { name: 'Audit log of settings changes' });
    expect(await within(audit).findByText(/k: 3 → 5/)).toBeTruthy();
  });
});
