import { auditResponseSchema, modelCardResponseSchema, privacyResponseSchema } from '@haltung/protocol';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from '../../lib/api-paths.js';
import { apiError, fixtureFetch, json } from '../../test/fixture-server.js';
import * as fx from '../../test/fixtures.js';
import { renderApp } from '../../test/render-app.js';

describe('transparency', () => {
  it('uses fixtures the protocol accepts', () => {
    expect(privacyResponseSchema.parse(fx.privacyAnswer)).toEqual(fx.privacyAnswer);
    expect(auditResponseSchema.parse({ entries: fx.auditEntries }).entries).toEqual(fx.auditEntries);
  });

  it('shows the works council what leaves the wearable, what stays, the settings in force and the audit log', async () => {
    renderApp({ role: 'works_council' });
    expect(screen.getByRole('link', { name: 'Transparency' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Overview' })).toBeNull();
    const leaves = await screen.findByRole('region', { name: 'What leaves the wearable' });
    expect(within(leaves).getByText('Random message number (only to drop duplicates)')).toBeTruthy();
    const stays = screen.getByRole('region', { name: 'What never leaves the wearable' });
    expect(within(stays).getByText('Worker identifier')).toBeTruthy();
    const settings = screen.getByRole('region', { name: 'Privacy settings in force' });
    expect(within(settings).getByText('5 workers')).toBeTruthy();
    expect(within(settings).getByText('15 minutes')).toBeTruthy();
    expect(within(settings).getByText('400 days')).toBeTruthy();
    expect(within(settings).getByText('off')).toBeTruthy();
    expect(within(settings).getByText('posture-1.0.0')).toBeTruthy();

    const audit = screen.getByRole('region', { name: 'Audit log of settings changes' });
    const rows = await within(audit).findAllByRole('row');
    // Newest first.
    expect(rows[1]?.textContent).toContain('retentionDays: 365 → 400');
    expect(rows[2]?.textContent).toContain('k: 3 → 5');
    expect(rows[1]?.textContent).toContain('admin-bremen (Administrator)');
  });

  it('shows the bundled model card when the server has none', async () => {
    renderApp({ role: 'works_council' });
    const card = await screen.findByRole('region', { name: 'Model card' });
    expect(await within(card).findByText(/summary shipped with the dashboard/)).toBeTruthy();
    expect(within(card).getByText(/squatting or kneeling/)).toBeTruthy();
    expect(within(card).getByText('not published yet')).toBeTruthy();
    // The version in force comes from the privacy answer.
    expect(await within(card).findByText('posture-1.0.0')).toBeTruthy();
  });

  it('falls back to the bundled model card when the server answers 404', async () => {
    renderApp({ role: 'works_council', modelCardPath: '/api/v1/model' });
    const card = await screen.findByRole('region', { name: 'Model card' });
    expect(await within(card).findByText(/summary shipped with the dashboard/)).toBeTruthy();
  });

  it('shows the server’s model card with its accuracy in the user’s language', async () => {
    const server = fixtureFetch({
      '/api/v1/model': () =>
        json(
          modelCardResponseSchema.parse({
            modelVersion: 'posture-2.1.0',
            classes: ['standing', 'stooping'],
            metrics: { haptCrossValidationMacroF1: 0.91, haptCrossValidationWorstSubjectMacroF1: 0.78 },
            limits: ['Tested on 30 subjects'],
            source: { createdAt: null, files: ['metadata.json'], data: ['UCI HAPT subjects 1–20'] },
          }),
        ),
    });
    renderApp({ role: 'works_council', server, language: 'de', modelCardPath: '/api/v1/model' });
    const served = await screen.findByRole('region', { name: 'Modellbeschreibung' });
    expect(await within(served).findByText('91 % (min. 78 %)')).toBeTruthy();
  });

  it('hides the audit log from the safety officer', async () => {
    const { server } = renderApp({ role: 'safety_officer', view: 'transparency' });
    await screen.findByRole('region', { name: 'Privacy settings in force' });
    expect(screen.queryByRole('region', { name: 'Audit log of settings changes' })).toBeNull();
    expect(server.requests.some((r) => r.url.pathname === API_PATHS.audit)).toBe(false);
  });

  it('says the settings were never changed when the audit log is empty', async () => {
    const server = fixtureFetch({ [API_PATHS.audit]: () => json({ entries: [] }) });
    renderApp({ role: 'works_council', server });
    expect(await screen.findByText(/have not been changed since the system was set up/)).toBeTruthy();
  });

  it('asks to sign in again when the token has been revoked', async () => {
    const server = fixtureFetch({
      [API_PATHS.privacy]: () => apiError(401, 'UNAUTHORIZED', 'unknown API token'),
    });
    renderApp({ role: 'works_council', server });
    const alert = await screen.findByText(/Your sign-in is no longer valid/);
    expect(alert).toBeTruthy();
  });
});
