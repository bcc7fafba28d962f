import { hotspotsResponseSchema } from '@haltung/protocol';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_PATHS } from '../../lib/api-paths.js';
import * as fx from '../../test/fixtures.js';
import { renderApp } from '../../test/render-app.js';

describe('zones', () => {
  it('uses hot-spot fixtures the protocol accepts', () => {
    expect(hotspotsResponseSchema.parse(fx.hotspots('weekday'))).toEqual(fx.hotspots('weekday'));
  });

  it('shows a zone × hour heat map with every zone of the site and a suppressed cell marked with its reason', async () => {
    renderApp({ view: 'zones' });
    const heat = await screen.findByRole('region', { name: 'Hazard rate by zone and hour of day' });
    const table = await within(heat).findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + fx.ZONES.length);
    expect(within(table).getByRole('columnheader', { name: '06:00' })).toBeTruthy();
    expect(within(table).getByRole('cell', { name: 'goods-in, 06:00: 2.00 per worker-hour' })).toBeTruthy();
    const packing = within(table).getByRole('cell', {
      name: 'packing, 22:00: suppressed (fewer than 5 workers)',
    });
    expect(packing.textContent).not.toContain('0');
    expect(within(heat).getByText(/Times in Europe\/Berlin/)).toBeTruthy();
  });

  it('switches to weekdays, named in the user’s language', async () => {
    const { server } = renderApp({ view: 'zones', language: 'de' });
    const heat = await screen.findByRole('region', { name: 'Gefährdungsrate nach Bereich und Tageszeit' });
    fireEvent.click(within(heat).getByRole('button', { name: 'Wochentag' }));
    const table = await screen.findByRole('region', { name: 'Gefährdungsrate nach Bereich und Wochentag' });
    expect(await within(table).findByRole('columnheader', { name: 'Mo' })).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: 'So' })).toBeTruthy();
    const last = server.requests.filter((r) => r.url.pathname === API_PATHS.hotspots).at(-1);
    expect(last?.url.searchParams.get('by')).toBe('weekday');
  });

  it('opens a zone’s detail with its hazard mix, exposure, lifts and trend', async () => {
    const { server } = renderApp({ view: 'zones' });
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of zone goods-in' }));
    const detail = await screen.findByRole('region', { name: 'Zone goods-in' });
    const liftRow = (
      await within(detail).findByRole('rowheader', { name: 'Lift with stooped back' })
    ).closest('tr') as HTMLElement;
    expect(within(liftRow).getByText('1.50')).toBeTruthy();
    expect(within(detail).getByText('18%')).toBeTruthy();
    expect(within(detail).getByText('1,900')).toBeTruthy();
    expect(within(detail).getByText('160 hours')).toBeTruthy();
    expect(await within(detail).findByRole('heading', { name: 'Trend in this zone' })).toBeTruthy();
    const zoneQueries = server.requests.filter((r) => r.url.searchParams.get('zone') === 'goods-in');
    expect(zoneQueries.map((r) => r.url.pathname).sort()).toEqual([API_PATHS.summary, API_PATHS.trends]);
  });

  it('shows a zone below k as suppressed in its detail, not as zero', async () => {
    renderApp({ view: 'zones' });
    fireEvent.click(await screen.findByRole('button', { name: 'Show details of zone packing' }));
    const detail = await screen.findByRole('region', { name: 'Zone packing' });
    const hours = (await within(detail).findByText('Worker-hours observed')).closest('div') as HTMLElement;
    expect(within(hours).getByText(/fewer than 5 workers/)).toBeTruthy();
    expect(within(hours).queryByText(/\b0 hours/)).toBeNull();
    // The trend shows this zone only, even when an answer carries other zones too.
    expect(await within(detail).findByText(/No data for this period/)).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Close details' }));
    expect(screen.queryByRole('region', { name: 'Zone packing' })).toBeNull();
  });
});
