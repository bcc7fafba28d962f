import { decodeImuPayload, encodeImuFrame, type ImuFrame, topics } from '@haltung/protocol';
import mqtt from 'mqtt';
import { describe, expect, inject, it, onTestFinished } from 'vitest';

describe('IMU frames over the real Mosquitto', () => {
  it('a binary frame published by a wearable arrives and decodes to the identical frame', async () => {
    const url = inject('mqttUrl');
    const count = 50;
    const acc = new Float32Array(count * 3).map((_, i) => Math.sin(i / 7) * 12);
    const gyro = new Float32Array(count * 3).map((_, i) => Math.cos(i / 5) * 3);
    const frame: ImuFrame = {
      placement: 'upper_arm_left',
      sampleRateHz: 50,
      t0Ms: 1_764_000_000_123,
      seq: 42,
      count,
      acc,
      gyro,
    };
    const bytes = encodeImuFrame(frame);
    const expected = decodeImuPayload(bytes);

    const sub = await mqtt.connectAsync(url, { clientId: `edge-${process.pid}` });
    const pub = await mqtt.connectAsync(url, { clientId: `wearable-${process.pid}` });
    onTestFinished(async () => {
      await sub.endAsync();
      await pub.endAsync();
    });
    const received = new Promise<Buffer>((resolve) =>
      sub.on('message', (_topic, payload) => resolve(payload)),
    );
    await sub.subscribeAsync(topics.imu('w-frame-test'), { qos: 1 });
    await pub.publishAsync(topics.imu('w-frame-test'), Buffer.from(bytes), { qos: 1 });

    const payload = await received;
    expect(new Uint8Array(payload)).toEqual(bytes);
    const decoded = decodeImuPayload(new Uint8Array(payload));
    expect(decoded).toEqual(expected);
    expect(decoded.ok && decoded.value.count).toBe(count);
  });
});
