import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, startServices } from './index.js';

const USAGE = `Usage: npm run services [-- --name dev]

Starts Haltung's own Mosquitto (port ${DEFAULT_PORTS.mqtt}) and InfluxDB (port ${DEFAULT_PORTS.influxHttp}) with
config and data under .services/<name>/, installing the Debian packages when missing (as root).
Runs in the foreground; Ctrl-C stops both cleanly. Set HALTUNG_MQTT_URL or HALTUNG_INFLUX_URL to
use an existing broker or database instead of starting one.`;

const { values } = parseArgs({
  options: { name: { type: 'string', default: 'dev' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const services = await startServices({
  name: values.name,
  ports: DEFAULT_PORTS,
  env: process.env,
  log: (msg) => console.log(`[services] ${msg}`),
});
console.log(
  `[services] ready: HALTUNG_MQTT_URL=${services.mqttUrl} HALTUNG_INFLUX_URL=${services.influxUrl}`,
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('[services] stopping');
  await services.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
