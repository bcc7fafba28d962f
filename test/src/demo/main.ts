import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Fleet } from '@haltung/simulator';
import { DEFAULT_PORTS, startServices } from '../services/index.js';
import { type AppProcess, startApp } from './child-process.js';
import { DEMO_TOKENS, tokensEnv } from './demo-tokens.js';

const USAGE = `Usage: npm run demo [-- options]

Runs the whole of Haltung on this machine: Mosquitto (or an embedded aedes broker when Mosquitto is
unavailable), InfluxDB, the server with the dashboard, an edge gateway and a simulated fleet of workers.
Prints the dashboard URL; Ctrl-C stops everything.

Options:
  --workers N     simulated workers (default 30)
  --zones Z       zones they move between (default 5)
  --speed S       simulated time per wall time (default 30: a 15-minute bucket every 30 s)
  --port P        HTTP port of the server and dashboard (default 8080)
  --site ID       site id (default demo-plant)
  --broker KIND   auto (Mosquitto when installed, else embedded aedes) or embedded
  -h, --help      this text

Set HALTUNG_MQTT_URL / HALTUNG_INFLUX_URL to use an existing broker or database.`;

const root = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '30' },
    zones: { type: 'string', default: '5' },
    speed: { type: 'string', default: '30' },
    port: { type: 'string', default: '8080' },
    site: { type: 'string', default: 'demo-plant' },
    broker: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const workers = positiveInt('--workers', values.workers);
const zones = positiveInt('--zones', values.zones);
const speed = positiveNumber('--speed', values.speed);
const port = positiveInt('--port', values.port);
const site = values.site;
if (values.broker !== 'auto' && values.broker !== 'embedded') {
  console.error(`[demo] --broker must be auto or embedded, got ${JSON.stringify(values.broker)}`);
  process.exit(2);
}

const say = (msg: string) => console.log(`[demo] ${msg}`);
const apps: AppProcess[] = [];
let fleet: Fleet | null = null;
const stopFleet = new AbortController();
let stopping = false;

const services = await startServices({
  name: 'demo',
  ports: DEFAULT_PORTS,
  env: process.env,
  embeddedBrokerFallback: true,
  preferEmbedded: values.broker === 'embedded',
  log: (msg) => say(msg),
});

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  say('stopping: fleet, edge, server, then broker and database');
  stopFleet.abort();
  // Ctrl-C in a terminal signals the whole process group, so the broker may already be gone: no
  // step may wait on it for ever.
  await bounded(fleet?.stop(), 5000);
  for (const app of [...apps].reverse()) await app.stop();
  await bounded(services.stop(), 15_000);
  say('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  buildDashboardIfStale();
  const state = join(root, '.services/demo');
  mkdirSync(state, { recursive: true });
  // aedes speaks MQTT 3.1.1 only: one server instance with a plain subscription.
  const serverArgs: string[] = [];
  if (services.broker === 'aedes') {
    const file = join(state, 'server-aedes.yaml');
    writeFileSync(file, 'shareGroup: null\nmqtt:\n  url: mqtt://127.0.0.1:1\n  protocolVersion: 4\n');
    serverArgs.push('--config', file);
  }
  const server = startApp('server', 'server/src/main.ts', serverArgs, {
    cwd: root,
    env: {
      HALTUNG_SERVER_MQTT_URL: services.mqttUrl,
      HALTUNG_SERVER_INFLUX_URL: services.influxUrl,
      HALTUNG_SERVER_PORT: String(port),
      HALTUNG_SERVER_HOST: '0.0.0.0',
      HALTUNG_SERVER_SPOOL_DIR: join(state, 'server'),
      HALTUNG_SERVER_DASHBOARD_DIR: join(root, 'dashboard/dist'),
      HALTUNG_SERVER_TOKENS: tokensEnv(),
      HALTUNG_SERVER_LOG_LEVEL: 'warn',
    },
    onLine: (line) => say(`server: ${line}`),
  });
  apps.push(server);
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, server);

  let edgeStarted: () => void = () => {};
  const edgeReady = new Promise<void>((resolve) => {
    edgeStarted = resolve;
  });
  const edge = startApp(
    'edge',
    'edge/src/main.ts',
    ['--broker', services.mqttUrl, '--site', site, '--data-dir', join(state, 'edge'), '--log-level', 'info'],
    {
      cwd: root,
      // Accelerated wearables send `speed` times the real sample rate; the flood guard must allow it.
      env: { HALTUNG_EDGE_MAX_SAMPLES_PER_S: String(Math.ceil(100 * speed)) },
      onLine: (line) => {
        // Info lines only tell when the agent listens; warnings and errors are shown.
        const entry = parseLogLine(line);
        if (entry?.msg === 'edge agent started') edgeStarted();
        if (!entry || entry.level >= 40) say(`edge: ${line}`);
      },
    },
  );
  apps.push(edge);
  // The wearables press calibrate with their first frame: the agent must be listening by then.
  await Promise.race([
    edgeReady,
    edge.exited.then((code) => {
      throw new Error(`the edge agent exited (code ${code}) before it was ready`);
    }),
  ]);

  // The simulated clock starts in the past so that, accelerated, it reaches "now" only after a
  // long run: the dashboard's default ranges (last hours) show the data as it arrives.
  const startMs = Date.now() - 6 * 3600_000;
  fleet = new Fleet({ mqttUrl: services.mqttUrl, workers, zones, siteId: site, speed, startMs, seed: 7 });
  await fleet.start();
  say(`fleet: ${workers} simulated workers in ${zones} zones at ${speed}× real time`);
  say('');
  say(`Dashboard:  http://localhost:${port}/   (first data within a minute)`);
  say(`API docs:   http://localhost:${port}/docs`);
  for (const t of DEMO_TOKENS) say(`Sign in as ${t.role.padEnd(14)} with token  ${t.token}`);
  say('Ctrl-C stops everything.');
  for (const app of apps) {
    void app.exited.then((code) => {
      if (!stopping) {
        say(`${app.name} exited unexpectedly (code ${code}); stopping the demo`);
        void shutdown(1);
      }
    });
  }
  await fleet.run(12 * 3600, { signal: stopFleet.signal });
  if (!stopping) say('the simulated shift is over; Ctrl-C to stop');
} catch (error) {
  console.error(`[demo] failed: ${(error as Error).message}`);
  await shutdown(1);
}

async function bounded(step: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    (step ?? Promise.resolve()).catch(() => {}),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

function buildDashboardIfStale(): void {
  const dist = join(root, 'dashboard/dist/index.html');
  const newest = newestMtime(join(root, 'dashboard/src'));
  if (existsSync(dist) && statSync(dist).mtimeMs >= newest) return;
  say('building the dashboard (one time)');
  execFileSync('pnpm', ['--filter', '@haltung/dashboard', 'build'], { cwd: root, stdio: 'ignore' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function waitForHttp(url: string, app: AppProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited before it was ready`);
    const ok = await fetch(url)
      .then((r) => r.status < 500 || r.status === 503)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${app.name} did not answer on ${url} within 60 s`);
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`[demo] ${name} must be a positive integer, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

function positiveNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`[demo] ${name} must be a positive number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

function parseLogLine(line: string): { level: number; msg: string } | null {
  try {
    const entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return typeof entry.level === 'number' ? { level: entry.level, msg: String(entry.msg ?? '') } : null;
  } catch {
    return null;
  }
}
