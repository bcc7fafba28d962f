import type { ImuFrame, Placement } from '@haltung/protocol';

const G = 9.80665;
const DEG = Math.PI / 180;

/** Hold a trunk (or arm) angle for a while; the angle ramps in from the previous step. */
export interface PostureStep {
  durationS: number;
  /** Forward flexion (or arm elevation), degrees. */
  flexDeg: number;
  /** Side bend, degrees. */
  sideDeg?: number;
}

export interface SyntheticFramesOptions {
  steps: PostureStep[];
  /** Time of the first sample, ms since the epoch. */
  t0Ms: number;
  rateHz?: number;
  samplesPerFrame?: number;
  placement?: Placement;
  /** Seconds each step takes to ramp from the previous angle (default 0.5). */
  rampS?: number;
  /** Accelerometer noise, m/s² (default 0.03), seeded. */
  noise?: number;
  seed?: number;
  firstSeq?: number;
}

/**
 * IMU frames of a sensor whose z axis is "up" when the wearer is upright, following a posture
 * program (for edge tests; the simulator makes realistic workers). Gravity only, no gait.
 */
export function syntheticFrames(o: SyntheticFramesOptions): ImuFrame[] {
  const rateHz = o.rateHz ?? 50;
  const perFrame = o.samplesPerFrame ?? 25;
  const rampS = o.rampS ?? 0.5;
  const noise = o.noise ?? 0.03;
  let seed = o.seed ?? 7;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648 - 0.5;
  };
  const angles: Array<[number, number]> = [];
  let prev: [number, number] = [o.steps[0]?.flexDeg ?? 0, o.steps[0]?.sideDeg ?? 0];
  for (const step of o.steps) {
    const n = Math.round(step.durationS * rateHz);
    const target: [number, number] = [step.flexDeg, step.sideDeg ?? 0];
    for (let i = 0; i < n; i++) {
      const f = Math.min(1, i / rateHz / rampS);
      angles.push([prev[0] + f * (target[0] - prev[0]), prev[1] + f * (target[1] - prev[1])]);
    }
    prev = target;
  }
  const frames: ImuFrame[] = [];
  for (let start = 0, seq = o.firstSeq ?? 0; start < angles.length; start += perFrame, seq++) {
    const count = Math.min(perFrame, angles.length - start);
    const acc = new Float32Array(count * 3);
    const gyro = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      const [flex, side] = angles[start + i] as [number, number];
      const [pf, ps] = angles[Math.max(0, start + i - 1)] as [number, number];
      const t = flex * DEG;
      const s = side * DEG;
      acc[i * 3] = -G * Math.sin(t) + noise * rand();
      acc[i * 3 + 1] = G * Math.cos(t) * Math.sin(s) + noise * rand();
      acc[i * 3 + 2] = G * Math.cos(t) * Math.cos(s) + noise * rand();
      gyro[i * 3] = (side - ps) * DEG * rateHz;
      gyro[i * 3 + 1] = (flex - pf) * DEG * rateHz;
    }
    frames.push({
      placement: o.placement ?? 'trunk',
      sampleRateHz: rateHz,
      t0Ms: o.t0Ms + (start * 1000) / rateHz,
      seq,
      count,
      acc,
      gyro,
    });
  }
  return frames;
}
