import {
  integrate,
  QUAT_IDENTITY,
  type Quat,
  RAD_TO_DEG,
  rotateInverse,
  STANDARD_GRAVITY,
  type Vec3,
} from '@haltung/kinematics';
import type { Placement } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, type TaskStep, type WorkerBlock } from '../types.js';
import { createSyntheticWorker } from './synthetic-worker.js';

const ALL: Placement[] = ['trunk', 'pelvis', 'upper_arm_left', 'upper_arm_right'];
const ACT = (a: (typeof ACTIVITIES)[number]) => ACTIVITIES.indexOf(a);

function run(
  task: TaskStep[],
  seconds: number,
  opts: { ideal?: boolean; rate?: number; seed?: number } = {},
) {
  const rate = opts.rate ?? 50;
  const worker = createSyntheticWorker({
    seed: opts.seed ?? 11,
    sampleRateHz: rate,
    placements: ALL,
    task,
    idealSensors: opts.ideal ?? true,
  });
  return { worker, block: worker.next(Math.round(seconds * rate)) };
}

const accAt = (b: WorkerBlock, p: Placement, i: number): Vec3 => {
  const a = b.sensors[p]?.acc as Float32Array;
  return [a[i * 3] as number, a[i * 3 + 1] as number, a[i * 3 + 2] as number];
};
/** Angle of the sensor's x axis (up the segment) from the measured "up" (specific force). */
const tiltFromGravity = (b: WorkerBlock, p: Placement, i: number) => {
  const [x, y, z] = accAt(b, p, i);
  return Math.acos(x / Math.hypot(x, y, z)) * RAD_TO_DEG;
};

describe('synthetic worker physics', () => {
  it('measures g when standing still (with noise, bias and misalignment)', () => {
    const { block } = run([{ activity: 'standing', durationS: 60, params: { still: 1 } }], 20, {
      ideal: false,
    });
    for (const p of ALL) {
      const mags: number[] = [];
      for (let i = 100; i < block.count; i++) mags.push(Math.hypot(...accAt(block, p, i)));
      const mean = mags.reduce((s, v) => s + v, 0) / mags.length;
      const sd = Math.sqrt(mags.reduce((s, v) => s + (v - mean) ** 2, 0) / mags.length);
      expect(Math.abs(mean - STANDARD_GRAVITY), p).toBeLessThan(0.3);
      expect(sd, p).toBeLessThan(0.1);
      expect(sd, p).toBeGreaterThan(0.005);
    }
  });

  it.each([10, 30, 50, 70, 90, 110])(
    'recovers a %i° stoop bend from gravity within 2° at every placement (ideal sensors)',
    (depthDeg) => {
      const { block, worker } = run(
        [
          { activity: 'standing', durationS: 3 },
          { activity: 'stoop_bend', durationS: 16, params: { depthDeg } },
        ],
        18,
      );
      const t = block.truth;
      const flex = Array.from(t.trunkFlexionDeg);
      const peak = Math.max(...flex);
      // The bend starts from the person's own rest inclination (a few degrees forward).
      const rest = flex[50] as number;
      expect(peak).toBeGreaterThan(depthDeg * worker.profile.rangeFactor - 8);
      // Each sensor's truth: trunk inclination, pelvis tilt, arm elevation against gravity.
      const truthOf: Record<Placement, Float32Array> = {
        trunk: t.trunkInclinationDeg,
        pelvis: t.pelvisFlexionDeg.map(Math.abs),
        upper_arm_left: t.armElevationLeftDeg,
        upper_arm_right: t.armElevationRightDeg,
      };
      for (const p of ALL) {
        const truth = truthOf[p];
        let checked = 0;
        for (let i = 15; i < block.count - 15; i++) {
          // The hold (within 15 % of the bend), where this segment moves slowly (< 2°/s over ±0.3 s)
          // and the trunk carrying it < 5°/s: there the accelerometer shows gravity, else also motion.
          const bent = (t.trunkFlexionDeg[i] as number) - rest;
          if (t.activity[i] !== ACT('stoop_bend') || bent < (peak - rest) * 0.85) continue;
          if (Math.abs((truth[i + 15] as number) - (truth[i - 15] as number)) > 0.6) continue;
          // An arm held still while the trunk under it moves is carried (the shoulder accelerates).
          if (Math.abs((flex[i + 15] as number) - (flex[i - 15] as number)) > 1.5) continue;
          if (Math.abs((truth[i + 7] as number) - (truth[i - 7] as number)) > 0.3) continue;
          checked++;
          expect(Math.abs(tiltFromGravity(block, p, i) - (truth[i] as number)), p).toBeLessThan(2);
        }
        expect(checked, p).toBeGreaterThan(10);
      }
    },
  );

  it('integrates the gyroscope to the orientation change seen by gravity', () => {
    const task: TaskStep[] = [
      { activity: 'standing', durationS: 3, params: { still: 1 } },
      { activity: 'stoop_bend', durationS: 5, params: { depthDeg: 80 } },
      { activity: 'trunk_twist', durationS: 6 },
      { activity: 'walking', durationS: 8 },
      { activity: 'sitting', durationS: 6 },
      { activity: 'overhead_work', durationS: 8 },
      { activity: 'squat_lift', durationS: 4 },
      { activity: 'standing', durationS: 300, params: { still: 1 } },
    ];
    for (const rate of [20, 50, 200]) {
      const { block } = run(task, 75, { rate });
      const last = block.count - 1;
      expect(block.truth.activity[last]).toBe(ACT('standing'));
      for (const p of ALL) {
        const gyro = block.sensors[p]?.gyro as Float32Array;
        let q: Quat = QUAT_IDENTITY;
        let turnedDeg = 0;
        for (let i = 1; i < block.count; i++) {
          // Trapezoid of consecutive rates over one sample step.
          const w: Vec3 = [0, 1, 2].map(
            (a) => ((gyro[(i - 1) * 3 + a] as number) + (gyro[i * 3 + a] as number)) / 2,
          ) as unknown as Vec3;
          q = integrate(q, w, 1 / rate);
          turnedDeg += (Math.hypot(...w) / rate) * RAD_TO_DEG;
        }
        // Standing still at both ends: gravity alone, so the integrated rotation must carry the
        // first gravity direction onto the last.
        const predicted = rotateInverse(q, accAt(block, p, 0));
        const measured = accAt(block, p, last);
        const cos =
          (predicted[0] * measured[0] + predicted[1] * measured[1] + predicted[2] * measured[2]) /
          (Math.hypot(...predicted) * Math.hypot(...measured));
        const errorDeg = Math.acos(Math.min(1, cos)) * RAD_TO_DEG;
        expect(turnedDeg, `${p} at ${rate} Hz`).toBeGreaterThan(300);
        expect(errorDeg, `${p} at ${rate} Hz`).toBeLessThan(rate < 50 ? 1 : 0.5);
      }
    }
  });

  it('puts the lift onset where the trunk starts to rise with the load', () => {
    const { block } = run(
      [
        { activity: 'standing', durationS: 3 },
        { activity: 'stoop_lift', durationS: 4 },
        { activity: 'squat_lift', durationS: 4 },
      ],
      40,
      { seed: 5 },
    );
    const onsets: number[] = [];
    block.truth.liftOnset.forEach((v, i) => {
      if (v === 1) onsets.push(i);
    });
    expect(onsets.length).toBeGreaterThanOrEqual(6);
    for (const i of onsets) {
      expect(['stoop_lift', 'squat_lift']).toContain(ACTIVITIES[block.truth.activity[i] as number]);
      const before = tiltFromGravity(block, 'trunk', i - 10);
      const at = tiltFromGravity(block, 'trunk', i);
      const after = tiltFromGravity(block, 'trunk', i + 25);
      // Still bent (grasping) in the 0.2 s before, clearly rising in the 0.5 s after.
      expect(Math.abs(at - before)).toBeLessThan(2);
      expect(at - after).toBeGreaterThan(5);
      // The trunk gyroscope is quiet at the onset and busy after it.
      const g = block.sensors.trunk?.gyro as Float32Array;
      const rate = (k: number) =>
        Math.hypot(g[k * 3] as number, g[k * 3 + 1] as number, g[k * 3 + 2] as number);
      expect(rate(i - 2)).toBeLessThan(0.15);
      expect(Math.max(...[10, 15, 20, 25].map((d) => rate(i + d)))).toBeGreaterThan(0.5);
    }
  });

  it('walks like walking: vertical bounce at the cadence, sideways sway at half of it', () => {
    const { block, worker } = run([{ activity: 'walking', durationS: 40 }], 30, { rate: 100 });
    const n = 2048;
    const start = 300;
    const vertical = new Float64Array(n);
    const lateral = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [x, y] = accAt(block, 'pelvis', start + i);
      vertical[i] = x; // the belt sensor's x axis points up
      lateral[i] = y;
    }
    const fV = dominantHz(vertical, 100);
    const cadence = worker.profile.cadenceHz;
    expect(Math.abs(fV - cadence) / cadence).toBeLessThan(0.1);
    expect(Math.abs(dominantHz(lateral, 100) - cadence / 2) / cadence).toBeLessThan(0.1);
    const mean = vertical.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(vertical.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(STANDARD_GRAVITY, 0);
    expect(sd).toBeGreaterThan(1);
    expect(sd).toBeLessThan(4);
  });

  it('no change of activity jolts the accelerometer: ideal |acc| − g stays below 10 m/s² throughout', () => {
    // Every activity after every other kind, trunk and belt: a segment that does not start exactly
    // where the last one ended moves the sensor millimetres in one sample, a spike of many g.
    const acts = ACTIVITIES.filter((a) => a !== 'transition');
    let worst = 0;
    let where = '';
    for (let seed = 1; seed <= 3; seed++) {
      const task = acts.flatMap((activity, i) => [
        { activity, durationS: 5 },
        { activity: acts[(i * 5 + seed) % acts.length] as (typeof acts)[number], durationS: 4 },
      ]);
      const { block } = run(task, 120, { seed });
      for (const p of ['trunk', 'pelvis'] as const) {
        for (let i = 1; i < block.count; i++) {
          const m = Math.abs(Math.hypot(...accAt(block, p, i)) - STANDARD_GRAVITY);
          if (m > worst) {
            worst = m;
            where = `${p} ${ACTIVITIES[block.truth.activity[i] as number]} at ${(i / 50).toFixed(2)} s (seed ${seed})`;
          }
        }
      }
    }
    expect(worst, where).toBeLessThan(10);
  });

  it('standing up straight to calibrate removes the habitual lean, which comes back afterwards', () => {
    let worst = 0;
    let habitual = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { block } = run(
        [
          { activity: 'standing', durationS: 6, params: { still: 1, straight: 1 } },
          { activity: 'standing', durationS: 6, params: { still: 1 } },
        ],
        12,
        { seed },
      );
      const mean = (from: number, to: number) => {
        let sum = 0;
        for (let i = from * 50; i < to * 50; i++) sum += block.truth.trunkFlexionDeg[i] as number;
        return sum / ((to - from) * 50);
      };
      worst = Math.max(worst, Math.abs(mean(2, 4)));
      habitual = Math.max(habitual, Math.abs(mean(8, 11)));
    }
    expect(worst).toBeLessThan(4);
    // Some of these twelve people stand markedly bent when not asked to stand up straight.
    expect(habitual).toBeGreaterThan(6);
  });
});

/** Frequency (Hz) of the largest DFT magnitude between 0.3 and 5 Hz, mean removed. */
function dominantHz(x: Float64Array, rateHz: number): number {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  let best = 0;
  let bestF = 0;
  for (let f = 0.3; f <= 5; f += 0.01) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * f * i) / rateHz;
      re += ((x[i] as number) - mean) * Math.cos(a);
      im += ((x[i] as number) - mean) * Math.sin(a);
    }
    const m = re * re + im * im;
    if (m > best) {
      best = m;
      bestF = f;
    }
  }
  return bestF;
}
