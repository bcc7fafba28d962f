import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBinary } from '../../test/src/services/install.js';
import { startMosquitto } from '../../test/src/services/mosquitto.js';
import { freePort } from '../../test/src/services/ports.js';

/**
 * Test-only: a Mosquitto of the test's own that it may stop and start again (same port, same
 * persistence), as test/e2e/drill-harness.ts `dedicatedBroker()` does.
 */
export async function dedicatedBroker() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'haltung-server-mqtt-'));
  const binary = findBinary('mosquitto') ?? 'mosquitto';
  let broker = await startMosquitto({ binary, port, dir });
  return {
    url: broker.url,
    async stop() {
      await broker.daemon.stop();
    },
    async start() {
      broker = await startMosquitto({ binary, port, dir });
    },
  };
}
