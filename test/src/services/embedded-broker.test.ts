import mqtt from 'mqtt';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startEmbeddedBroker } from './embedded-broker.js';
import { freePort } from './ports.js';

describe('embedded aedes broker (the demo fallback without Mosquitto)', () => {
  it('delivers QoS 1 messages between clients', async () => {
    const broker = await startEmbeddedBroker(await freePort());
    const sub = await mqtt.connectAsync(broker.url);
    const pub = await mqtt.connectAsync(broker.url);
    onTestFinished(async () => {
      await sub.endAsync();
      await pub.endAsync();
      await broker.stop();
    });
    const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
    await sub.subscribeAsync('haltung/v1/summary/+/+', { qos: 1 });
    await pub.publishAsync('haltung/v1/summary/plant-1/zone-a', '{"v":1}', { qos: 1 });
    expect(await got).toBe('{"v":1}');
  });
});
