import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DaemonHandle, startDaemon, waitUntil } from './process-handle.js';

export interface InfluxOptions {
  binary: string;
  httpPort: number;
  /** influxd's RPC port for backups; it binds one even when unused, so it must be ours too. */
  rpcPort: number;
  dir: string;
}

export interface RunningInflux {
  url: string;
  daemon: DaemonHandle;
}

/**
 * Starts InfluxDB 1.x with its own config and data under `dir`, serving the v1 HTTP API
 * (`/write` line protocol, `/query` InfluxQL) on 127.0.0.1:`httpPort`.
 */
export async function startInfluxd({
  binary,
  httpPort,
  rpcPort,
  dir,
}: InfluxOptions): Promise<RunningInflux> {
  for (const sub of ['meta', 'data', 'wal']) mkdirSync(join(dir, sub), { recursive: true });
  const config = `
reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false

[retention]
  enabled = true
  check-interval = "30m"

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false

[logging]
  level = "warn"
`;
  const configFile = join(dir, 'influxdb.conf');
  writeFileSync(configFile, config);
  const daemon = startDaemon(
    'influxd',
    binary,
    ['-config', configFile],
    join(dir, 'influxd.log'),
    join(dir, 'influxd.pid'),
  );
  const url = `http://127.0.0.1:${httpPort}`;
  await waitUntil(`InfluxDB on port ${httpPort}`, () => pingInflux(url), 60_000, daemon);
  return { url, daemon };
}

/** True when the InfluxDB at `url` answers its v1 `/ping` with 204. */
export async function pingInflux(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1000) });
    return res.status === 204;
  } catch {
    return false;
  }
}
