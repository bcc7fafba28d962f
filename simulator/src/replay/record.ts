import { decodeImuPayload, parseTopic, topicFilters, topics } from '@haltung/protocol';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { createRecordingWriter, type RecordingWriter } from '../files/write-recording.js';
import { connectMqtt } from '../mqtt/connect.js';

export interface RecordOptions {
  mqttUrl: string;
  /** Output file (gzipped when it ends in .gz). */
  out: string;
  /** Record only this device (default: every device). */
  deviceId?: string;
  /** The `label` column (a live stream has no labels). Default `unlabelled`. */
  label?: string;
  logger?: Logger;
}

export interface RecordStats {
  devices: number;
  frames: number;
  samples: number;
  /** Payloads that did not decode (counted and dropped). */
  dropped: number;
}

/**
 * Records IMU frames from MQTT into the common CSV format: subject = device id, t_ms = ms since that
 * device's first recorded sample (from the frames' own clock), gyro fields empty without gyroscope.
 * Writes happen in arrival order, one after the other.
 */
export class ImuRecorder {
  readonly stats: RecordStats = { devices: 0, frames: 0, samples: 0, dropped: 0 };
  private client: MqttClient | null = null;
  private writer: RecordingWriter | null = null;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private readonly firstT0 = new Map<string, number>();

  constructor(private readonly options: RecordOptions) {}

  /** Opens the file, connects and subscribes; resolves once recording has begun. */
  async start(): Promise<void> {
    this.writer = createRecordingWriter(this.options.out);
    const client = await connectMqtt(
      this.options.mqttUrl,
      `haltung-record-${process.pid}-${Date.now() % 100000}`,
    );
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    const filter = this.options.deviceId ? topics.imu(this.options.deviceId) : topicFilters.allImu;
    await client.subscribeAsync(filter, { qos: 0 });
    this.options.logger?.info({ filter, out: this.options.out }, 'recording');
  }

  /** Stops listening, writes what has arrived and closes the file. */
  async stop(): Promise<RecordStats> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
    await this.chain;
    await this.writer?.close();
    this.writer = null;
    if (this.failure) throw this.failure;
    this.options.logger?.info({ ...this.stats }, 'recording stopped');
    return { ...this.stats };
  }

  private onMessage(topic: string, payload: Buffer): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'device' || parsed.channel !== 'imu') return;
    const decoded = decodeImuPayload(new Uint8Array(payload));
    if (!decoded.ok) {
      this.stats.dropped++;
      this.options.logger?.warn({ topic, error: decoded.error }, 'undecodable IMU payload dropped');
      return;
    }
    const frame = decoded.value;
    const id = parsed.deviceId;
    let first = this.firstT0.get(id);
    if (first === undefined) {
      first = frame.t0Ms;
      this.firstT0.set(id, first);
      this.stats.devices++;
    }
    const tMs = new Float64Array(frame.count);
    for (let i = 0; i < frame.count; i++) tMs[i] = frame.t0Ms - first + (i * 1000) / frame.sampleRateHz;
    this.stats.frames++;
    this.stats.samples += frame.count;
    const writer = this.writer;
    if (!writer) return;
    this.chain = this.chain
      .then(() =>
        writer.write({
          subject: id,
          labels: this.options.label ?? 'unlabelled',
          tMs,
          acc: frame.acc,
          gyro: frame.gyro,
        }),
      )
      .catch((error: Error) => {
        this.failure ??= error;
      });
  }
}
