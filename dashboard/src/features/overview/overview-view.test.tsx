import {
  hotspotsResponseSchema,
  periodSummaryResponseSchema,
  sitesResponseSchema,
  trendsResponseSchema,
} from '@haltung/protocol';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from '../../lib/api-paths.js';
import { apiError, fixtureFetch, json } from '../../test/fixture-server.js';
import * as fx from '../../test/fixtures.js';
import { renderApp } from '../../test/render-app.js';

describe('overview', () => {
  it('uses fixtures the protocol accepts', () => {
    expect(sitesResponseSchema.parse(fx.sites)).toEqual(fx.sites);
    expect(trendsResponseSchema.parse(fx.trends)).toEqual(fx.trends);
    expect(periodSummaryResponseSchema.parse(fx.summary)).toEqual(fx.summary);
    expect(hotspotsResponseSchema.parse(fx.hotspots('hour'))).toEqual(fx.hotspots('hour'));
  });

  it('shows hazard rates over time, the comparison with the previous period and the top hot spots', async () => {
    const { server } = renderApp({ view: 'overview' });
    const trend = await screen.findByRole('region', { name: 'Hazard rate over time' });
    // Chart's data table: goods-in lift_stooped alone is 6/4 = 1.50 at the first hour.
    expect(await within(trend).findByRole('columnheader', { name: 'Lift with stooped back' })).toBeTruthy();
    expect(within(trend).getAllByText('1.50').length).toBeGreaterThan(0);

    const compare = screen.getByRole('region', { name: 'This period compared with the one before' });
    const liftRow = (await within(compare).findByText('Lift with stooped back')).closest('tr') as HTMLElement;
    expect(within(liftRow).getByText('1.50')).toBeTruthy();
    expect(within(liftRow).getByText('1.20')).toBeTruthy();
    expect(within(liftRow).getByText('+25%')).toBeTruthy();

    const hot = screen.getByRole('region', { name: 'Top hot spots' });
    const items = await within(hot).findAllByRole('listitem');
    // Highest rate first: goods-in at 22:00 (13/5).
    expect(items[0]?.textContent).toContain('goods-in');
    expect(items[0]?.textContent).toContain('2.60');

    const trendRequest = server.requests.find((r) => r.url.pathname === API_PATHS.trends);
    expect(trendRequest?.url.searchParams.get('site')).toBe(fx.SITE);
    expect(trendRequest?.authorization).toBe('Bearer token-of-safety_officer-0123456789');
  });

  it('marks suppressed cells with the reason and never shows them as 0', async () => {
    renderApp({ view: 'overview' });
    const compare = await screen.findByRole('region', { name: 'This period compared with the one before' });
    // packing is below k everywhere: one line for all its hazards.
    const packingRow = (await within(compare).findByText('packing')).closest('tr') as HTMLElement;
    expect(packingRow.textContent).toBe('packingall hazards⊘ suppressed (fewer than 5 workers)');
    const bentRow = within(compare).getByText('Trunk bent, held').closest('tr') as HTMLElement;
    expect(within(bentRow).getByText(/hidden so a small group cannot be worked out/)).toBeTruthy();
    expect(within(bentRow).getByText('no comparison')).toBeTruthy();
    // goods-in had no overhead work in either period: left out of the table, but said so.
    expect(within(compare).queryByText('Work overhead')).toBeNull();
    expect(
      within(compare).getByText(/^1 zone and hazard pair without warnings .* is not listed/),
    ).toBeTruthy();

    // assembly's overhead work at 08:00 is below k: the site-wide point is suppressed too.
    const trend = screen.getByRole('region', { name: 'Hazard rate over time' });
    expect((await within(trend).findAllByText(/fewer than 5 workers/)).length).toBeGreaterThan(0);
    expect(within(trend).getByText(/Hatched: suppressed/)).toBeTruthy();

    const hot = screen.getByRole('region', { name: 'Top hot spots' });
    expect(await within(hot).findByText(/1 × suppressed/)).toBeTruthy();
  });

  it('switches the labels to German', async () => {
    renderApp({ view: 'overview' });
    await screen.findAllByText('Lift with stooped back');
    fireEvent.click(screen.getByRole('button', { name: 'Deutsch' }));
    const trend = await screen.findByRole('region', { name: 'Gefährdungsrate im Verlauf' });
    expect(
      await within(trend).findByRole('columnheader', { name: 'Heben mit gebeugtem Rücken' }),
    ).toBeTruthy();
    expect(within(trend).getAllByText('1,50').length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Übersicht' })).toBeTruthy();
    expect(screen.getAllByText(/weniger als 5 Beschäftigte/).length).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('de');
  });

  it('says what to do when the server fails, and retries on request', async () => {
    let calls = 0;
    const server = fixtureFetch({
      [API_PATHS.trends]: () => {
        calls += 1;
        return calls === 1
          ? apiError(503, 'DATABASE_UNAVAILABLE', 'the database is unavailable, try again later')
          : json(fx.trends);
      },
    });
    renderApp({ view: 'overview', server });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the database is unavailable');
    expect(alert.textContent).toContain('Check the connection and try again');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    const trend = await screen.findByRole('region', { name: 'Hazard rate over time' });
    await waitFor(() => expect(within(trend).getAllByText('1.50').length).toBeGreaterThan(0));
  });

  it('explains an empty period and a site list with no data', async () => {
    const server = fixtureFetch({ [API_PATHS.trends]: () => json({ ...fx.trends, series: [] }) });
    renderApp({ view: 'overview', server });
    expect(await screen.findAllByText(/No data for this period/)).toHaveLength(1);

    const noSites = fixtureFetch({ [API_PATHS.sites]: () => json({ sites: [] }) });
    renderApp({ view: 'overview', server: noSites });
    expect(await screen.findByText(/No site sends data yet/)).toBeTruthy();
  });

  it('rejects an answer that does not match the protocol instead of showing wrong numbers', async () => {
    const server = fixtureFetch({ [API_PATHS.summary]: () => json({ siteId: fx.SITE, zones: 'nope' }) });
    renderApp({ view: 'overview', server });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('unexpected answer');
  });
});
