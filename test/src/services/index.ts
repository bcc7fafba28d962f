import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEmbeddedBroker } from './embedded-broker.js';
import { startInfluxd } from './influxdb.js';
import { ensureInstalled, findBinary } from './install.js';
import { canConnect, startMosquitto } from './mosquitto.js';
import { freePort, isPortFree } from './ports.js';

export { pingInflux, startInfluxd } from './influxdb.js';
export { ensureInstalled, MissingToolError } from './install.js';
export { canConnect, startMosquitto } from './mosquitto.js';
export { freePort } from './ports.js';

/** The project's own ports for the demo and local development (tests pick free ports). */
export const DEFAULT_PORTS = { mqtt: 18830, influxHttp: 18086, influxRpc: 18088 } as const;

/** Where managed services keep config, data and logs: git-ignored, inside the checkout. */
export const SERVICES_ROOT = resolve(import.meta.dirname, '../../../.services');

export interface ServicesOptions {
  /** Sub-folder of .services/ for this set of services, e.g. 'demo' or 'test-1234'. */
  name: string;
  /** Fixed ports, or 'auto' for free ones. */
  ports: 'auto' | { mqtt: number; influxHttp: number; influxRpc: number };
  /** Existing services to use instead of starting our own (HALTUNG_MQTT_URL, HALTUNG_INFLUX_URL). */
  env?: Record<string, string | undefined>;
  /** Delete the data folder when stopping (tests); the demo keeps its data. */
  ephemeral?: boolean;
  log?: (msg: string) => void;
  /**
   * When Mosquitto is not installed, run an embedded `aedes` broker instead of installing it
   * (the demo's zero-setup default; tests always use the real Mosquitto).
   */
  embeddedBrokerFallback?: boolean;
  /** With `embeddedBrokerFallback`: use the embedded broker even when Mosquitto is installed. */
  preferEmbedded?: boolean;
}

export interface Services {
  mqttUrl: string;
  influxUrl: string;
  /** Which of the two we started (and will stop); the others belong to somebody else. */
  managed: { mqtt: boolean; influx: boolean };
  /** Which broker runs: the system's Mosquitto, the embedded aedes fallback, or an external one. */
  broker: 'mosquitto' | 'aedes' | 'external';
  stop(): Promise<void>;
}

/**
 * Gets a real MQTT broker and InfluxDB: the ones named by HALTUNG_MQTT_URL / HALTUNG_INFLUX_URL,
 * or Mosquitto and influxd started on our own ports with our own config and data folder, which
 * `stop()` shuts down again. Installs the Debian packages when missing and running as root.
 */
export async function startServices(options: ServicesOptions): Promise<Services> {
  const log = options.log ?? (() => {});
  const env = options.env ?? {};
  const dir = resolve(SERVICES_ROOT, options.name);
  const wantMqtt = !env.HALTUNG_MQTT_URL;
  const wantInflux = !env.HALTUNG_INFLUX_URL;
  // The demo uses the system's Mosquitto when it is installed and otherwise the embedded broker,
  // so it needs no system package for MQTT; tests always get the real Mosquitto.
  const useAedes =
    wantMqtt &&
    options.embeddedBrokerFallback === true &&
    (options.preferEmbedded === true || !findBinary('mosquitto'));
  if (useAedes)
    log(
      options.preferEmbedded
        ? 'using the embedded aedes broker'
        : 'Mosquitto is not installed: using the embedded aedes broker',
    );
  const tools = [
    ...(wantMqtt && !useAedes ? [{ binary: 'mosquitto', aptPackage: 'mosquitto' }] : []),
    ...(wantInflux ? [{ binary: 'influxd', aptPackage: 'influxdb' }] : []),
  ];
  const bins = ensureInstalled(tools, log);
  const ports = options.ports === 'auto' ? await autoPorts() : await checkPorts(options.ports);
  mkdirSync(dir, { recursive: true });

  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s();
    stops.length = 0;
    if (options.ephemeral) rmSync(dir, { recursive: true, force: true });
  };
  try {
    let mqttUrl = env.HALTUNG_MQTT_URL ?? '';
    if (wantMqtt && useAedes) {
      const broker = await startEmbeddedBroker(ports.mqtt);
      stops.push(() => broker.stop());
      mqttUrl = broker.url;
      log(`embedded aedes broker listening on ${mqttUrl}`);
    } else if (wantMqtt) {
      const broker = await startMosquitto({
        binary: bins.get('mosquitto') ?? 'mosquitto',
        port: ports.mqtt,
        dir: `${dir}/mosquitto`,
      });
      stops.push(() => broker.daemon.stop());
      mqttUrl = broker.url;
      log(`Mosquitto listening on ${mqttUrl}`);
    } else if (!(await canConnect(mqttUrl))) {
      throw new Error(`HALTUNG_MQTT_URL=${mqttUrl}: no MQTT broker answers there`);
    }
    let influxUrl = env.HALTUNG_INFLUX_URL ?? '';
    if (wantInflux) {
      const influx = await startInfluxd({
        binary: bins.get('influxd') ?? 'influxd',
        httpPort: ports.influxHttp,
        rpcPort: ports.influxRpc,
        dir: `${dir}/influxdb`,
      });
      stops.push(() => influx.daemon.stop());
      influxUrl = influx.url;
      log(`InfluxDB listening on ${influxUrl}`);
    }
    const broker = !wantMqtt ? 'external' : useAedes ? 'aedes' : 'mosquitto';
    return { mqttUrl, influxUrl, managed: { mqtt: wantMqtt, influx: wantInflux }, broker, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function autoPorts() {
  return { mqtt: await freePort(), influxHttp: await freePort(), influxRpc: await freePort() };
}

async function checkPorts(ports: { mqtt: number; influxHttp: number; influxRpc: number }) {
  for (const [what, port] of Object.entries(ports)) {
    if (!(await isPortFree(port))) {
      throw new Error(
        `port ${port} (${what}) is already in use: stop whatever listens there, or point ` +
          'HALTUNG_MQTT_URL / HALTUNG_INFLUX_URL at services that are already running',
      );
    }
  }
  return ports;
}
