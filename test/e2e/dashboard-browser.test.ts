import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp, type FastifyInstance, serverConfigSchema } from '@haltung/server';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureInstalled } from '../src/services/install.js';
import { E2E_ZONES, e2eSummaries, publishSummaries } from './dashboard-fixture-data.js';

// The built dashboard in headless Chromium against the real server, fed over the real broker.
const ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(ROOT, 'test/artifacts');
const CHROMIUM = '/usr/bin/chromium';
const SITE = 'plant-e2e-dashboard';
const ADMIN_TOKEN = 'e2e-dashboard-admin-token-0001';
const OFFICER_TOKEN = 'e2e-dashboard-officer-token-01';

let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;
let distDir: string;
let chromiumPath = CHROMIUM;

/** Builds the dashboard with its own Vite into a temporary folder (dashboard/dist stays untouched). */
function buildDashboard(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'haltung-dashboard-e2e-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'dashboard/node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: join(ROOT, 'dashboard'),
      // Vitest sets NODE_ENV=test, which would bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
  return outDir;
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${OFFICER_TOKEN}` } });
  return (await res.json()) as T;
}

beforeAll(async () => {
  // Debian's Chromium, installed with apt when missing and running as root (else a clear message).
  chromiumPath =
    ensureInstalled([{ binary: 'chromium', aptPackage: 'chromium' }], (msg) =>
      console.log(`[services] ${msg}`),
    ).get('chromium') ?? CHROMIUM;
  distDir = buildDashboard();
  const config = serverConfigSchema.parse({
    instanceId: 'e2e-dashboard',
    shareGroup: 'e2e-dashboard',
    port: 0,
    mqtt: { url: inject('mqttUrl') },
    influx: { url: inject('influxUrl'), database: `e2e_dashboard_${process.pid}` },
    tokens: [
      { name: 'admin-e2e', role: 'admin', token: ADMIN_TOKEN },
      { name: 'officer-e2e', role: 'safety_officer', token: OFFICER_TOKEN },
    ],
    spoolDir: mkdtempSync(join(tmpdir(), 'haltung-e2e-spool-')),
    dashboardDir: distDir,
    liveIntervalMs: 1000,
    flushIntervalMs: 100,
    rateLimitPerMinute: 10_000,
    logLevel: 'silent',
  });
  app = await buildApp(config, { logger: pino({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  await app.haltung.started;
  const address = app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const summaries = e2eSummaries(SITE, Date.now(), 12);
  await publishSummaries(inject('mqttUrl'), summaries);
  // Wait until the server has stored every zone (ingest flushes in the background).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { sites } = await api<{ sites: { siteId: string; zones: string[] }[] }>('/api/v1/sites');
    if (sites.find((s) => s.siteId === SITE)?.zones.length === Object.keys(E2E_ZONES).length) break;
    if (Date.now() > deadline) throw new Error('the server did not store the published summaries in 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (distDir) rmSync(distDir, { recursive: true, force: true });
});

/** Opens the dashboard at a tablet size and records every console error and page error. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('API token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  return { page, errors };
}

/**
 * Pixels of the chart canvas drawn in a series colour (not background, grid or text). Kept as page
 * script text because this file is type-checked without the DOM library.
 */
const COLOURED_PIXELS = `(() => {
  const canvas = document.querySelector('.chart-canvas canvas');
  const ctx = canvas && canvas.getContext('2d');
  if (!ctx) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i], g = data[i + 1], b = data[i + 2], a = data[i + 3];
    if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 60) n += 1;
  }
  return n;
})()`;

const colouredPixels = (page: Page) => page.evaluate<number>(COLOURED_PIXELS);

describe('dashboard in Chromium against the real server', () => {
  it('loads every view without console errors, draws the charts and marks the zone below k as suppressed', async () => {
    const { page, errors } = await openPage();

    await page.getByRole('combobox', { name: 'Period' }).selectOption('day');
    const trend = page.getByRole('region', { name: 'Hazard rate over time' });
    await trend.locator('.chart-canvas canvas').first().waitFor();
    await expect.poll(() => colouredPixels(page), { timeout: 15_000 }).toBeGreaterThan(200);
    const compare = page.getByRole('region', { name: 'This period compared with the one before' });
    await expect.poll(() => compare.getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(2);
    await expect.poll(() => compare.getByText(/fewer than 5 workers/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });

    await page.getByRole('link', { name: 'Zones' }).click();
    const heat = page.getByRole('region', { name: 'Hazard rate by zone and hour of day' });
    await heat.getByRole('table').waitFor();
    await expect
      .poll(() => heat.locator('td.heat-suppressed[aria-label^="packing"]').count())
      .toBeGreaterThan(0);
    const label = await heat
      .locator('td.heat-suppressed[aria-label^="packing"]')
      .first()
      .getAttribute('aria-label');
    expect(label).toMatch(/suppressed \(fewer than 5 workers\)/);
    expect(await heat.locator('td.heat[aria-label^="goods-in"]').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Show details of zone packing' }).click();
    const detail = page.getByRole('region', { name: 'Zone packing' });
    await detail.getByText('Worker-hours observed').waitFor();
    await expect.poll(() => detail.getByText(/fewer than 5 workers/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-zones.png'), fullPage: true });

    await page.getByRole('link', { name: 'Live' }).click();
    await page.getByText('Connected').waitFor({ timeout: 15_000 });
    const bucket = page.getByRole('region', { name: /Bucket from/ });
    await bucket.getByRole('rowheader', { name: 'packing' }).waitFor({ timeout: 15_000 });
    expect(
      await bucket
        .getByRole('row', { name: /packing/ })
        .getByText(/fewer than 5 workers/)
        .count(),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-live.png'), fullPage: true });

    await page.getByRole('link', { name: 'Transparency' }).click();
    await page.getByRole('region', { name: 'Privacy settings in force' }).getByText('5 workers').waitFor();
    await page.getByRole('region', { name: 'Audit log of settings changes' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-transparency.png'), fullPage: true });

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: /Minimum group size k/ }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-settings.png'), fullPage: true });

    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('link', { name: 'Übersicht' }).click();
    await page.getByRole('region', { name: 'Gefährdungsrate im Verlauf' }).waitFor();
    expect(await page.getByRole('link', { name: 'Bereiche' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await expect
      .poll(() => page.getByText(/weniger als 5 Beschäftigte/).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-overview-de.png'), fullPage: true });

    // Tablet portrait: the heat map scrolls inside its card, the page itself does not.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('link', { name: 'Bereiche' }).click();
    await page
      .getByRole('region', { name: 'Gefährdungsrate nach Bereich und Tageszeit' })
      .getByRole('table')
      .waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-zones-tablet-de.png'), fullPage: true });

    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
