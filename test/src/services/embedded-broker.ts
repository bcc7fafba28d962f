import { createServer } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  url: string;
  stop(): Promise<void>;
}

/**
 * An in-process `aedes` MQTT broker: the demo's zero-setup fallback when Mosquitto is neither
 * installed nor installable. It speaks MQTT 3.1.1 only (no MQTT 5 shared subscriptions), so a
 * single server instance must subscribe without `$share`. Never used by the tests.
 */
export async function startEmbeddedBroker(port: number): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
