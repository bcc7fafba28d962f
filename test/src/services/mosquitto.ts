import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { type DaemonHandle, startDaemon, waitUntil } from './process-handle.js';

export interface MosquittoOptions {
  binary: string;
  port: number;
  /** Folder for config, persistence and log; created if missing. */
  dir: string;
}

export interface RunningBroker {
  url: string;
  daemon: DaemonHandle;
}

/** Starts Mosquitto on 127.0.0.1:`port` with its own config and persistence under `dir`. */
export async function startMosquitto({ binary, port, dir }: MosquittoOptions): Promise<RunningBroker> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence true',
    `persistence_location ${join(dir, 'data')}/`,
    'autosave_interval 10',
    // Bounded queues: a slow consumer must not grow the broker without limit.
    'max_queued_messages 100000',
    'max_inflight_messages 100',
    'log_dest stdout',
    'log_type error',
    'log_type warning',
    'log_type notice',
    // As root Mosquitto would switch to the `mosquitto` user, which cannot write our data folder.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ].join('\n');
  const configFile = join(dir, 'mosquitto.conf');
  writeFileSync(configFile, `${config}\n`);
  const daemon = startDaemon(
    'mosquitto',
    binary,
    ['-c', configFile],
    join(dir, 'mosquitto.log'),
    join(dir, 'mosquitto.pid'),
  );
  const url = `mqtt://127.0.0.1:${port}`;
  await waitUntil(`Mosquitto on port ${port}`, () => canConnect(url), 15_000, daemon);
  return { url, daemon };
}

/** True when an MQTT client can complete a CONNECT handshake with the broker at `url`. */
export async function canConnect(url: string): Promise<boolean> {
  try {
    const client = await mqtt.connectAsync(url, { connectTimeout: 1000, reconnectPeriod: 0 });
    await client.endAsync();
    return true;
  } catch {
    return false;
  }
}
