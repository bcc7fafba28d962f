import {
  type ControlMessage,
  controlSchema,
  decodeFeedback,
  isTopicId,
  type Placement,
  parseTopic,
  topicFilters,
  topics,
} from '@haltung/protocol';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { BoundedPublisher } from '../mqtt/bounded-publisher.js';
import { connectMqtt } from '../mqtt/connect.js';
import { Pacer } from '../mqtt/pacer.js';
import { Rng } from '../random/rng.js';
import { ACTIVITIES, TASK_NAMES, type TaskName } from '../types.js';
import { createSyntheticWorker } from '../worker/synthetic-worker.js';
import type { HazardTimeline } from './hazard-timeline.js';
import { VirtualWearable } from './virtual-wearable.js';

const WALKING = new Set([ACTIVITIES.indexOf('walking'), ACTIVITIES.indexOf('carrying')]);

export interface FleetOptions {
  mqttUrl: string;
  /** Number of workers (one wearable each). */
  workers: number;
  /** Zone ids, or a count (zones `zone-1` … `zone-N`). */
  zones: number | readonly string[];
  /** Site id, for logs (zone and device topics do not carry it). Default `site-1`. */
  siteId?: string;
  seed?: number;
  /** 20–200 Hz, default 50. */
  sampleRateHz?: number;
  /** Samples per MQTT frame, default 25. */
  samplesPerFrame?: number;
  /** Placements worn, assigned round robin over the workers. Default `['trunk']`. */
  placements?: readonly Placement[];
  /** Tasks, assigned round robin. Default: all named tasks except office. */
  tasks?: readonly TaskName[];
  /** Simulated time per wall time: 1 = real time, 10 = ten times faster, Infinity = flat out. */
  speed?: number;
  /** Simulated clock at the start, ms since the Unix epoch. Default: now. */
  startMs?: number;
  /** Mean time a worker stays in a zone before moving on, seconds (default 1200). */
  meanZoneStayS?: number;
  /** Bound on unconfirmed publishes (back-pressure). Default 256. */
  maxInFlight?: number;
  /** Device ids are `<prefix>-<n>`. Default `sim`. */
  devicePrefix?: string;
  /**
   * Every wearer presses calibrate after putting the wearable on (default true): the named tasks
   * start by standing up straight, and the edge takes that stance as the upright reference.
   */
  calibrate?: boolean;
  /** Clear the retained zone messages when the fleet stops (default true). */
  clearZonesOnStop?: boolean;
  logger?: Logger;
}

export interface FleetProgress {
  simulatedS: number;
  durationS: number;
  frames: number;
  warnings: number;
}

export interface FleetStats {
  frames: number;
  samples: number;
  zoneChanges: number;
  warnings: number;
  simulatedS: number;
  wallS: number;
}

/**
 * N virtual wearables in Z zones publishing synthetic IMU frames to MQTT, moving between zones
 * (retained zone messages), listening for warnings on their feedback topics.
 */
export class Fleet {
  readonly wearables: VirtualWearable[];
  readonly zoneIds: readonly string[];
  readonly startMs: number;
  private client: MqttClient | null = null;
  private publisher: BoundedPublisher | null = null;
  private pacer: Pacer | null = null;
  private simElapsedMs = 0;
  private warnedLag = false;
  private readonly nextMoveMs: number[];
  private readonly rng: Rng;
  private readonly byId = new Map<string, VirtualWearable>();
  private readonly options: Required<
    Pick<FleetOptions, 'sampleRateHz' | 'samplesPerFrame' | 'speed' | 'meanZoneStayS' | 'maxInFlight'>
  >;
  private stats: FleetStats = { frames: 0, samples: 0, zoneChanges: 0, warnings: 0, simulatedS: 0, wallS: 0 };

  constructor(private readonly config: FleetOptions) {
    const o = {
      sampleRateHz: config.sampleRateHz ?? 50,
      samplesPerFrame: config.samplesPerFrame ?? 25,
      speed: config.speed ?? 1,
      meanZoneStayS: config.meanZoneStayS ?? 1200,
      maxInFlight: config.maxInFlight ?? 256,
    };
    this.options = o;
    if (!Number.isInteger(config.workers) || config.workers < 1) {
      throw new Error(`fleet: workers ${config.workers} must be a positive integer`);
    }
    if (!Number.isInteger(o.samplesPerFrame) || o.samplesPerFrame < 1 || o.samplesPerFrame > 1000) {
      throw new Error(`fleet: samplesPerFrame ${o.samplesPerFrame} must be an integer in 1..1000`);
    }
    this.zoneIds =
      typeof config.zones === 'number'
        ? Array.from({ length: config.zones }, (_, i) => `zone-${i + 1}`)
        : [...config.zones];
    if (this.zoneIds.length === 0) throw new Error('fleet: at least one zone is needed');
    for (const z of this.zoneIds)
      if (!isTopicId(z)) throw new Error(`fleet: zone id "${z}" is not a valid topic id`);
    const prefix = config.devicePrefix ?? 'sim';
    const placements = config.placements ?? ['trunk'];
    const tasks = config.tasks ?? TASK_NAMES.filter((t) => t !== 'office');
    this.startMs = config.startMs ?? Date.now();
    const seed = config.seed ?? 1;
    this.rng = new Rng(seed);
    this.wearables = Array.from({ length: config.workers }, (_, i) => {
      const deviceId = `${prefix}-${i + 1}`;
      if (!isTopicId(deviceId)) throw new Error(`fleet: device id "${deviceId}" is not a valid topic id`);
      const placement = placements[i % placements.length] as Placement;
      const worker = createSyntheticWorker({
        seed: seed * 100_003 + i,
        sampleRateHz: o.sampleRateHz,
        placements: [placement],
        task: tasks[i % tasks.length] as TaskName,
        id: deviceId,
      });
      const w = new VirtualWearable(deviceId, placement, worker, this.rng.pick(this.zoneIds), this.startMs);
      this.byId.set(deviceId, w);
      return w;
    });
    this.nextMoveMs = this.wearables.map(() => this.drawStayMs());
  }

  /** Connects, subscribes to the feedback topics and announces every wearable's zone. */
  async start(): Promise<void> {
    const client = await connectMqtt(
      this.config.mqttUrl,
      `haltung-fleet-${process.pid}-${Date.now() % 100000}`,
    );
    this.client = client;
    this.publisher = new BoundedPublisher(client, this.options.maxInFlight);
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    await client.subscribeAsync(topicFilters.allFeedback, { qos: 1 });
    for (const w of this.wearables) await this.publishZone(w);
    this.config.logger?.info(
      { site: this.config.siteId ?? 'site-1', workers: this.wearables.length, zones: this.zoneIds.length },
      'fleet started',
    );
  }

  /** Simulates `durationS` more seconds, paced at `speed`. Stops early when `signal` aborts. */
  async run(
    durationS: number,
    options: { signal?: AbortSignal; onProgress?: (p: FleetProgress) => void } = {},
  ): Promise<FleetStats> {
    const publisher = this.publisher;
    if (!publisher) throw new Error('fleet: call start() first');
    this.pacer ??= new Pacer(this.options.speed);
    const { sampleRateHz, samplesPerFrame } = this.options;
    const frameMs = (samplesPerFrame * 1000) / sampleRateHz;
    const endMs = this.simElapsedMs + durationS * 1000;
    const wallStart = performance.now();
    while (this.simElapsedMs + frameMs <= endMs + 1e-6 && !options.signal?.aborted) {
      // Frames leave when their last sample has been "measured", as a wearable would send them.
      await this.pacer.waitFor(this.simElapsedMs + frameMs, options.signal);
      for (let k = 0; k < this.wearables.length; k++) {
        const w = this.wearables[k] as VirtualWearable;
        if (this.dueToMove(w, k)) await this.moveZone(w, k);
        const first = w.worker.sampleIndex === 0;
        const frame = w.nextFrame(samplesPerFrame);
        await publisher.publish(topics.imu(w.deviceId), Buffer.from(frame.bytes), { qos: 0 });
        // After the first frame, so the edge knows the device when the request comes.
        if (first && this.config.calibrate !== false) {
          const calibrate = JSON.stringify({ v: 1, kind: 'calibrate' } satisfies ControlMessage);
          await publisher.publish(topics.control(w.deviceId), calibrate, { qos: 1 });
        }
        this.stats.frames++;
        this.stats.samples += frame.count;
      }
      this.simElapsedMs += frameMs;
      if (!this.warnedLag && this.pacer.lagMs(this.simElapsedMs) > 5000) {
        this.warnedLag = true;
        this.config.logger?.warn(
          { workers: this.wearables.length, speed: this.options.speed },
          'the simulation falls behind the requested speed (this machine is too slow); frames keep their simulated times',
        );
      }
      options.onProgress?.({
        simulatedS: this.simElapsedMs / 1000,
        durationS,
        frames: this.stats.frames,
        warnings: this.stats.warnings,
      });
    }
    await publisher.drain();
    this.stats.simulatedS = this.simElapsedMs / 1000;
    this.stats.wallS += (performance.now() - wallStart) / 1000;
    return { ...this.stats };
  }

  /** Simulated clock now, ms since the Unix epoch. */
  simulatedNowMs(): number {
    return this.startMs + this.simElapsedMs;
  }

  hazards(deviceId: string): HazardTimeline {
    return this.wearable(deviceId).hazards.timeline;
  }

  wearable(deviceId: string): VirtualWearable {
    const w = this.byId.get(deviceId);
    if (!w) throw new Error(`fleet: no device ${deviceId}`);
    return w;
  }

  /** Publishes an acknowledge or snooze from a device, as its wearer would. */
  async sendControl(deviceId: string, message: ControlMessage): Promise<void> {
    this.wearable(deviceId);
    const checked = controlSchema.parse(message);
    if (!this.client) throw new Error('fleet: call start() first');
    await this.client.publishAsync(topics.control(deviceId), JSON.stringify(checked), { qos: 1 });
  }

  /** Waits for outstanding publishes, clears the retained zones (unless disabled) and disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = null;
    await this.publisher?.drain().catch(() => {});
    if (this.config.clearZonesOnStop !== false) {
      for (const w of this.wearables)
        await client.publishAsync(topics.zone(w.deviceId), '', { qos: 1, retain: true });
    }
    await client.endAsync();
    this.config.logger?.info({ ...this.stats }, 'fleet stopped');
  }

  /** People change zones on foot: a due move waits (up to 5 min) until the worker walks. */
  private dueToMove(w: VirtualWearable, k: number): boolean {
    const due = this.nextMoveMs[k] as number;
    if (this.simElapsedMs < due) return false;
    return WALKING.has(w.lastActivity) || this.simElapsedMs >= due + 300_000;
  }

  private async moveZone(w: VirtualWearable, k: number): Promise<void> {
    if (this.zoneIds.length > 1) {
      const others = this.zoneIds.filter((z) => z !== w.zoneId);
      w.zoneId = this.rng.pick(others);
      this.stats.zoneChanges++;
      await this.publishZone(w);
    }
    this.nextMoveMs[k] = this.simElapsedMs + this.drawStayMs();
  }

  private async publishZone(w: VirtualWearable): Promise<void> {
    await this.publisher?.publish(topics.zone(w.deviceId), w.zoneId, { qos: 1, retain: true });
  }

  /**
   * Simulated time of something arriving now: between two frames the simulated clock runs on
   * with the wall clock (at `speed`), but never past the next frame not yet published.
   */
  private receiveClockMs(): number {
    const frameMs = (this.options.samplesPerFrame * 1000) / this.options.sampleRateHz;
    if (!this.pacer || !Number.isFinite(this.options.speed)) return this.startMs + this.simElapsedMs;
    const wallBased = Math.min(this.pacer.elapsedMs(), this.simElapsedMs + frameMs);
    return this.startMs + Math.max(this.simElapsedMs, wallBased);
  }

  private drawStayMs(): number {
    // Exponential stays, at least a minute: people move between work areas irregularly.
    return Math.max(60, -Math.log(1 - this.rng.next()) * this.options.meanZoneStayS) * 1000;
  }

  private onMessage(topic: string, payload: Buffer): void {
    const parsed = parseTopic(topic);
    if (parsed?.kind !== 'device' || parsed.channel !== 'feedback') return;
    const w = this.byId.get(parsed.deviceId);
    if (!w) return;
    const decoded = decodeFeedback(new Uint8Array(payload));
    if (!decoded.ok) {
      w.badFeedback++;
      this.config.logger?.warn(
        { deviceId: w.deviceId, error: decoded.error },
        'undecodable feedback dropped',
      );
      return;
    }
    if (decoded.value.kind === 'calibration') {
      w.calibrations.push(decoded.value);
      return;
    }
    w.warnings.push({
      warning: decoded.value,
      receivedSimMs: this.receiveClockMs(),
      receivedWallMs: Date.now(),
    });
    this.stats.warnings++;
  }
}
