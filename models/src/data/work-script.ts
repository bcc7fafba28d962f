import type { Activity, TaskStep } from '@haltung/simulator';
import { seededRandom } from '../train/seeded-random.js';

type Draw = (r: () => number) => TaskStep;
const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const step =
  (activity: Activity, lo: number, hi: number, params?: (r: () => number) => Record<string, number>): Draw =>
  (r) => ({ activity, durationS: between(r, lo, hi), ...(params && { params: params(r) }) });

/** Every activity the simulator knows, with durations long enough to hold a few windows. */
const POOL: readonly Draw[] = [
  step('standing', 5, 20),
  step('walking', 8, 25),
  step('carrying', 5, 12),
  step('sitting', 20, 60),
  step('lying', 20, 45),
  step('stoop_bend', 4, 15, (r) => ({ depthDeg: between(r, 30, 105) })),
  step('stoop_bend', 8, 20, (r) => ({ depthDeg: between(r, 60, 110) })),
  step('squatting', 8, 25),
  step('kneeling', 8, 25),
  step('stoop_lift', 4, 4),
  step('squat_lift', 4, 4),
  step('overhead_work', 8, 25, (r) => ({ elevationDeg: between(r, 95, 140) })),
  step('trunk_twist', 4, 8),
  step('side_bend', 4, 8),
];

/**
 * A varied work script for training and evaluation: every activity in random order and length, after
 * a realistic start — the wearer stands up straight while the wearable calibrates (as the edge asks,
 * see edge/README.md "Calibration"), then walks to the workplace — which is where the kinematics
 * learns the upright reference, so angles are against true upright as the simulator's truth is. The
 * simulator's named tasks (whole shifts, with their own mix and long bouts) are scored separately.
 */
export function workScript(seed: number, steps = 24): TaskStep[] {
  const r = seededRandom(seed);
  const script: TaskStep[] = [
    { activity: 'standing', durationS: between(r, 5, 10), params: { still: 1, straight: 1 } },
    { activity: 'walking', durationS: between(r, 12, 20) },
  ];
  for (let i = 0; i < steps; i++) script.push((POOL[Math.floor(r() * POOL.length)] as Draw)(r));
  return script;
}
