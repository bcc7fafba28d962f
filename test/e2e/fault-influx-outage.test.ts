import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  dedicatedInflux,
  expectStoredExactly,
  publishSteadily,
  rssMiB,
  serverProcess,
  summary,
} from './drill-harness.js';

/** Fault drill: InfluxDB stopped for 30 s under steady ingest, then started again. */
const SITE = 'drill-influx';
const DB = 'drill_influx';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('fault drill: InfluxDB down for 30 s', () => {
  it('spools while the database is away, says so in health and logs, then stores every summary once', async () => {
    const influx = await dedicatedInflux();
    cleanups.push(() => influx.stop());
    const server = await serverProcess(
      {
        HALTUNG_SERVER_MQTT_URL: inject('mqttUrl'),
        HALTUNG_SERVER_INFLUX_URL: influx.url,
        HALTUNG_SERVER_INFLUX_DB: DB,
        HALTUNG_SERVER_SHARE_GROUP: SITE,
        HALTUNG_SERVER_INSTANCE_ID: SITE,
      },
      `${process.env.TMPDIR ?? '/tmp'}/haltung-${SITE}-${process.pid}`,
    );
    cleanups.push(() => server.app.stop());
    const bucket = Math.floor(Date.now() / 900_000) * 900_000 - 900_000;
    const total = 200;
    const publishing = publishSteadily(
      inject('mqttUrl'),
      (i) => summary(SITE, `zone-${i % 4}`, bucket),
      total,
      4,
    );

    await new Promise((r) => setTimeout(r, 5000));
    await influx.stop();
    const healthDuring: string[] = [];
    const outageEnd = Date.now() + 30_000;
    while (Date.now() < outageEnd) {
      const res = await fetch(`${server.url}/healthz`);
      healthDuring.push(((await res.json()) as { status: string }).status);
      await new Promise((r) => setTimeout(r, 2000));
    }
    await influx.start();
    expect(await publishing).toBe(total);

    expect(healthDuring).toContain('degraded');
    expect(await expectStoredExactly(influx.url, DB, SITE, total)).toBe(total);
    const healthAfter = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string };
    expect(healthAfter.status).toBe('ok');
    // The logs tell an operator what happened.
    expect(server.logs.join('\n')).toMatch(/influx|database/i);
    expect(server.app.child.exitCode).toBeNull();
    expect(rssMiB(server.pid)).toBeLessThan(400);
  }, 180_000);
});
