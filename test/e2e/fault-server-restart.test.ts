import { afterAll, describe, expect, inject, it } from 'vitest';
import { expectStoredExactly, publishSteadily, serverProcess, summary } from './drill-harness.js';

/** Fault drill: the server is killed (SIGKILL) under steady ingest and started again. */
const SITE = 'drill-server';
const DB = 'drill_server';
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('fault drill: server killed and restarted', () => {
  it('loses no acknowledged summary and counts none twice', async () => {
    const env = {
      HALTUNG_SERVER_MQTT_URL: inject('mqttUrl'),
      HALTUNG_SERVER_INFLUX_URL: inject('influxUrl'),
      HALTUNG_SERVER_INFLUX_DB: DB,
      HALTUNG_SERVER_SHARE_GROUP: SITE,
      HALTUNG_SERVER_INSTANCE_ID: SITE,
    };
    const state = `${process.env.TMPDIR ?? '/tmp'}/haltung-${SITE}-${process.pid}`;
    const first = await serverProcess(env, state);
    const bucket = Math.floor(Date.now() / 900_000) * 900_000 - 900_000;
    const total = 150;
    const publishing = publishSteadily(
      inject('mqttUrl'),
      (i) => summary(SITE, `zone-${i % 3}`, bucket),
      total,
      15,
    );

    await new Promise((r) => setTimeout(r, 3000));
    first.app.child.kill('SIGKILL');
    await first.app.exited;
    // While it is down the broker keeps its persistent session's summaries.
    await new Promise((r) => setTimeout(r, 2000));
    const second = await serverProcess(env, state);
    cleanups.push(() => second.app.stop());
    expect(await publishing).toBe(total);

    expect(await expectStoredExactly(inject('influxUrl'), DB, SITE, total)).toBe(total);
    expect(second.app.child.exitCode).toBeNull();
  }, 180_000);
});
