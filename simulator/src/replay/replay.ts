import { encodeImuFrame, isTopicId, type Placement, topics } from '@haltung/protocol';
import type { Logger } from 'pino';
import { readRecordings } from '../files/read-recording.js';
import type { Recording } from '../files/recording.js';
import { BoundedPublisher } from '../mqtt/bounded-publisher.js';
import { connectMqtt } from '../mqtt/connect.js';
import { Pacer } from '../mqtt/pacer.js';
import { deviceIdFor } from './device-ids.js';
import { type RecordingFrame, recordingFrames } from './recording-frames.js';

/** One recording to replay as one device. */
export interface ReplaySource {
  deviceId: string;
  recording: Recording;
  /** Where the recorded sensor was worn (the frame header carries it). */
  placement: Placement;
}

export interface ReplayOptions {
  mqttUrl: string;
  /** 1 = as recorded; 5 = five times faster; Infinity = as fast as the broker takes it. */
  speed?: number;
  /** Resample every recording to this rate (Hz); default: each recording's own rate. */
  rateHz?: number;
  /** Samples per frame (default 25). */
  samplesPerFrame?: number;
  /** Clock of the first sample, ms since the Unix epoch (default: now). */
  startMs?: number;
  /** Bound on unconfirmed publishes (default 256). */
  maxInFlight?: number;
  /** Also publish each device's zone (retained) before replaying. */
  zoneId?: string;
  signal?: AbortSignal;
  onProgress?: (p: { replayedS: number; totalS: number; frames: number }) => void;
  logger?: Logger;
}

export interface ReplayStats {
  devices: number;
  frames: number;
  samples: number;
  /** Recorded time replayed, seconds (the longest recording). */
  replayedS: number;
  wallS: number;
}

/**
 * Reads recording files as replay sources: one device per recording (a file with several subjects
 * gives several devices), named after the file (and subject), or by `deviceIds` in order.
 */
export async function loadReplaySources(
  files: readonly string[],
  options: { placement?: Placement; deviceIds?: readonly string[] } = {},
): Promise<ReplaySource[]> {
  const out: ReplaySource[] = [];
  for (const file of files) {
    const recordings = await readRecordings(file);
    for (const recording of recordings) {
      const given = options.deviceIds?.[out.length];
      if (given !== undefined && !isTopicId(given))
        throw new Error(`device id "${given}" is not a valid topic id`);
      out.push({
        deviceId: given ?? deviceIdFor(file, recording.subject, recordings.length),
        recording,
        placement: options.placement ?? 'pelvis',
      });
    }
  }
  const ids = new Set(out.map((s) => s.deviceId));
  if (ids.size !== out.length)
    throw new Error('replay: two recordings map to the same device id; pass device ids');
  return out;
}

/**
 * Replays recordings to MQTT as binary IMU frames on each device's `imu` topic, all devices in
 * step on one clock (frame t0 = startMs + t_ms), paced at `speed`, with bounded in-flight publishes.
 */
export async function replayRecordings(
  sources: readonly ReplaySource[],
  options: ReplayOptions,
): Promise<ReplayStats> {
  if (sources.length === 0) throw new Error('replay: nothing to replay');
  const spf = options.samplesPerFrame ?? 25;
  if (options.rateHz !== undefined && !(options.rateHz >= 1 && options.rateHz <= 1000)) {
    throw new Error(`replay: rate ${options.rateHz} Hz is not in 1..1000`);
  }
  const startMs = options.startMs ?? Date.now();
  const client = await connectMqtt(options.mqttUrl, `haltung-replay-${process.pid}-${Date.now() % 100000}`);
  const publisher = new BoundedPublisher(client, options.maxInFlight ?? 256);
  const pacer = new Pacer(options.speed ?? 1);
  const stats: ReplayStats = { devices: sources.length, frames: 0, samples: 0, replayedS: 0, wallS: 0 };
  const wallStart = performance.now();
  const totalS = Math.max(...sources.map((s) => durationMs(s.recording))) / 1000;
  try {
    if (options.zoneId) {
      for (const s of sources)
        await publisher.publish(topics.zone(s.deviceId), options.zoneId, { qos: 1, retain: true });
    }
    const cursors = sources.map((s) => ({
      source: s,
      frames: recordingFrames(s.recording, spf, options.rateHz),
      next: null as RecordingFrame | null,
      seq: 0,
      t0: s.recording.tMs[0] ?? 0,
    }));
    for (const c of cursors) c.next = c.frames.next().value ?? null;
    for (;;) {
      if (options.signal?.aborted) break;
      // The frame that ends first, over all devices (a k-way merge on the shared clock).
      let best: (typeof cursors)[number] | null = null;
      let bestEnd = Number.POSITIVE_INFINITY;
      for (const c of cursors) {
        if (!c.next) continue;
        const end = frameEndMs(c.next) - c.t0;
        if (end < bestEnd) {
          bestEnd = end;
          best = c;
        }
      }
      if (!best?.next) break;
      const f = best.next;
      await pacer.waitFor(bestEnd, options.signal);
      const bytes = encodeImuFrame({
        placement: best.source.placement,
        sampleRateHz: f.sampleRateHz,
        t0Ms: startMs + f.t0Ms - best.t0,
        seq: best.seq++,
        count: f.count,
        acc: f.acc,
        gyro: f.gyro,
      });
      await publisher.publish(topics.imu(best.source.deviceId), Buffer.from(bytes), { qos: 0 });
      stats.frames++;
      stats.samples += f.count;
      stats.replayedS = Math.max(stats.replayedS, bestEnd / 1000);
      options.onProgress?.({ replayedS: stats.replayedS, totalS, frames: stats.frames });
      best.next = best.frames.next().value ?? null;
    }
    await publisher.drain();
  } finally {
    await client.endAsync();
  }
  stats.wallS = (performance.now() - wallStart) / 1000;
  options.logger?.info({ ...stats }, 'replay finished');
  return stats;
}

const frameEndMs = (f: RecordingFrame) => f.t0Ms + (f.count * 1000) / f.sampleRateHz;
const durationMs = (r: Recording) =>
  r.count === 0 ? 0 : (r.tMs[r.count - 1] as number) - (r.tMs[0] as number) + 1000 / (r.sampleRateHz || 50);
