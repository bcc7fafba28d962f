import type { TestProject } from 'vitest/node';
import { ensureInstalled, type Services, startServices } from './index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the real MQTT broker for this test run, e.g. mqtt://127.0.0.1:40123. */
    mqttUrl: string;
    /** Base URL of the real InfluxDB's v1 HTTP API for this test run. */
    influxUrl: string;
  }
}

// Vitest runs a global setup once per project; all of them share one set of services, started
// by the first project and stopped after the last.
const shared = globalThis as { haltungServices?: { services: Promise<Services>; users: number } };

/**
 * Starts the real Mosquitto and InfluxDB once per test run (or uses HALTUNG_MQTT_URL and
 * HALTUNG_INFLUX_URL), hands their URLs to every test through `inject`, and stops them after.
 */
export default async function setup(project: TestProject) {
  if (!shared.haltungServices) {
    // The dashboard's end-to-end test drives Debian's Chromium; installing it here keeps a slow
    // first download out of any test's time limit.
    ensureInstalled([{ binary: 'chromium', aptPackage: 'chromium' }], (msg) =>
      console.log(`[services] ${msg}`),
    );
  }
  shared.haltungServices ??= {
    users: 0,
    services: startServices({
      name: `test-${process.pid}`,
      ports: 'auto',
      env: process.env,
      ephemeral: true,
      log: (msg) => console.log(`[services] ${msg}`),
    }),
  };
  const entry = shared.haltungServices;
  entry.users += 1;
  const services = await entry.services;
  project.provide('mqttUrl', services.mqttUrl);
  project.provide('influxUrl', services.influxUrl);
  return async () => {
    entry.users -= 1;
    if (entry.users === 0) {
      shared.haltungServices = undefined;
      await services.stop();
    }
  };
}
