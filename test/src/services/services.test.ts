import mqtt from 'mqtt';
import { describe, expect, inject, it } from 'vitest';

describe('real services for the tests', () => {
  it('the broker delivers a retained message to a later subscriber', async () => {
    const url = inject('mqttUrl');
    const pub = await mqtt.connectAsync(url);
    await pub.publishAsync('haltung/test/retained', 'hello', { qos: 1, retain: true });
    await pub.endAsync();
    const sub = await mqtt.connectAsync(url);
    const got = new Promise<string>((resolve) => sub.on('message', (_t, p) => resolve(p.toString())));
    await sub.subscribeAsync('haltung/test/retained', { qos: 1 });
    expect(await got).toBe('hello');
    await sub.publishAsync('haltung/test/retained', '', { qos: 1, retain: true });
    await sub.endAsync();
  });
});
