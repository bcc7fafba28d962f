import { type CalibrationResult, encodeImuFrame, type Placement, type Warning } from '@haltung/protocol';
import type { SyntheticWorker } from '../types.js';
import { HazardTracker } from './hazard-timeline.js';

/** A warning as the wearable received it. */
export interface ReceivedWarning {
  warning: Warning;
  /** Simulated clock at receipt, ms since the Unix epoch (comparable with frame times). */
  receivedSimMs: number;
  /** Wall clock at receipt, ms since the Unix epoch. */
  receivedWallMs: number;
}

/** One simulated worker wearing one IMU: produces frames and remembers the warnings it got. */
export class VirtualWearable {
  readonly hazards = new HazardTracker();
  readonly warnings: ReceivedWarning[] = [];
  /** Calibration results the edge sent back, in order. */
  readonly calibrations: CalibrationResult[] = [];
  /** Feedback payloads that did not decode (counted, not thrown). */
  badFeedback = 0;
  /** Activity (index into ACTIVITIES) of the last sample produced. */
  lastActivity = -1;
  private seq = 0;

  constructor(
    readonly deviceId: string,
    readonly placement: Placement,
    readonly worker: SyntheticWorker,
    public zoneId: string,
    /** Simulated time of this wearable's first sample, ms since the Unix epoch. */
    readonly startMs: number,
  ) {}

  /** Generates the next `count` samples and encodes them as one binary IMU frame. */
  nextFrame(count: number): { bytes: Uint8Array; t0Ms: number; count: number } {
    const first = this.worker.sampleIndex;
    const block = this.worker.next(count);
    const sensor = block.sensors[this.placement];
    if (!sensor) throw new Error(`${this.deviceId}: worker wears no ${this.placement} sensor`);
    const t0Ms = this.startMs + (first * 1000) / block.sampleRateHz;
    this.hazards.push(block.truth, count, t0Ms, block.sampleRateHz);
    this.lastActivity = block.truth.activity[count - 1] ?? -1;
    const bytes = encodeImuFrame({
      placement: this.placement,
      sampleRateHz: block.sampleRateHz,
      t0Ms,
      seq: this.seq++,
      count,
      acc: sensor.acc,
      gyro: sensor.gyro,
    });
    return { bytes, t0Ms, count };
  }
}
