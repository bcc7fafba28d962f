import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_ACC_SCALE,
  DEFAULT_GYRO_SCALE,
  decodeImuPayload,
  type ImuFrame,
  topics,
} from '@haltung/protocol';
import mqtt from 'mqtt';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { readRecording } from '../files/read-recording.js';
import type { Recording } from '../files/recording.js';
import { createSyntheticWorker } from '../worker/synthetic-worker.js';
import { writeWorkerRecording } from '../worker/write-worker.js';
import { ImuRecorder } from './record.js';
import { recordingFrames } from './recording-frames.js';
import { loadReplaySources, replayRecordings } from './replay.js';

const dir = mkdtempSync(join(tmpdir(), 'haltung-replay-'));
// int16 quantisation of the frame plus the CSV's rounding (0.1 mm/s², 0.01 mrad/s).
const ACC_TOL = DEFAULT_ACC_SCALE / 2 + 6e-5;
const GYRO_TOL = DEFAULT_GYRO_SCALE / 2 + 6e-6;

describe('replay and record over the real Mosquitto', () => {
  it('replays a labelled file as frames that decode to the same samples, and records them back', async () => {
    const url = inject('mqttUrl');
    const file = join(dir, `worker-${process.pid}.csv.gz`);
    const worker = createSyntheticWorker({
      seed: 9,
      sampleRateHz: 50,
      placements: ['trunk'],
      task: 'warehouse_picking',
    });
    await writeWorkerRecording(file, worker, { durationS: 30 });
    const original = await readRecording(file);
    const [source] = await loadReplaySources([file], { placement: 'trunk' });
    const deviceId = source?.deviceId as string;
    expect(deviceId).toBe(`worker-${process.pid}`);

    const edge = await mqtt.connectAsync(url, { clientId: `edge-replay-${process.pid}` });
    const frames: ImuFrame[] = [];
    edge.on('message', (_t, payload) => {
      const d = decodeImuPayload(new Uint8Array(payload));
      if (d.ok) frames.push(d.value);
    });
    await edge.subscribeAsync(topics.imu(deviceId), { qos: 0 });
    const recorded = join(dir, `recorded-${process.pid}.csv`);
    const recorder = new ImuRecorder({ mqttUrl: url, out: recorded, deviceId });
    onTestFinished(async () => {
      await edge.endAsync();
    });
    await recorder.start();

    const startMs = Date.UTC(2026, 2, 1, 8);
    const stats = await replayRecordings([source as NonNullable<typeof source>], {
      mqttUrl: url,
      speed: Number.POSITIVE_INFINITY,
      startMs,
    });
    expect(stats.samples).toBe(original.count);
    await expect
      .poll(() => frames.reduce((s, f) => s + f.count, 0), { timeout: 10_000 })
      .toBe(original.count);
    await expect.poll(() => recorder.stats.samples, { timeout: 10_000 }).toBe(original.count);
    const recStats = await recorder.stop();
    expect(recStats).toMatchObject({ devices: 1, dropped: 0 });

    // Frames: contiguous, on the replay clock, same samples within quantisation.
    let i = 0;
    for (const f of frames) {
      expect(f.placement).toBe('trunk');
      expect(f.t0Ms).toBeCloseTo(startMs + (original.tMs[i] as number), 6);
      for (let k = 0; k < f.count * 3; k++) {
        expect(Math.abs((f.acc[k] as number) - (original.acc[i * 3 + k] as number))).toBeLessThanOrEqual(
          ACC_TOL,
        );
        expect(
          Math.abs((f.gyro?.[k] as number) - (original.gyro?.[i * 3 + k] as number)),
        ).toBeLessThanOrEqual(GYRO_TOL);
      }
      i += f.count;
    }

    // The recorded file holds what was published.
    const back: Recording = await readRecording(recorded);
    expect(back.subject).toBe(deviceId);
    expect(back.count).toBe(original.count);
    expect(back.sampleRateHz).toBe(50);
    expect(back.labels[0]).toBe('unlabelled');
    for (let k = 0; k < back.count; k++) expect(back.tMs[k]).toBeCloseTo(original.tMs[k] as number, 2);
    for (let k = 0; k < back.count * 3; k++) {
      expect(Math.abs((back.acc[k] as number) - (original.acc[k] as number))).toBeLessThanOrEqual(
        2 * ACC_TOL,
      );
    }
  });
});

describe('recording frames', () => {
  const rec = (tMs: number[]): Recording => ({
    subject: 's',
    count: tMs.length,
    labels: tMs.map(() => 'x'),
    tMs: Float64Array.from(tMs),
    acc: Float32Array.from(tMs.flatMap((t) => [t, -t, 9.81])),
    gyro: null,
    sampleRateHz: 50,
  });

  it('starts a new frame at a gap in t_ms and keeps frames evenly spaced', () => {
    const frames = [...recordingFrames(rec([0, 20, 40, 60, 1000, 1020]), 25)];
    expect(frames.map((f) => [f.t0Ms, f.count])).toEqual([
      [0, 4],
      [1000, 2],
    ]);
    expect(frames[0]?.gyro).toBeNull();
  });

  it('resamples 50 Hz to 25 Hz and 100 Hz by linear interpolation', () => {
    const r = rec(Array.from({ length: 101 }, (_, i) => i * 20));
    const down = [...recordingFrames(r, 1000, 25)];
    expect(down[0]?.count).toBe(51);
    expect(down[0]?.acc[3]).toBeCloseTo(40, 5);
    const up = [...recordingFrames(r, 1000, 100)];
    expect(up[0]?.count).toBe(201);
    expect(up[0]?.acc[3]).toBeCloseTo(10, 5);
    expect(up[0]?.sampleRateHz).toBe(100);
  });
});
