import { POSTURE_CLASSES } from '@haltung/protocol';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, TASK_NAMES, type WorkerOptions } from '../types.js';
import { createSyntheticWorker } from './synthetic-worker.js';
import { truthLabels } from './worker-labels.js';

const base: WorkerOptions = {
  seed: 42,
  sampleRateHz: 50,
  placements: ['trunk', 'pelvis'],
  task: 'warehouse_picking',
};
const mean = (a: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] as number;
  return s / (to - from);
};

describe('synthetic worker', () => {
  it('gives the same samples and truth for the same seed, however they are requested', () => {
    const a = createSyntheticWorker(base).next(3000);
    const w = createSyntheticWorker(base);
    const parts = [w.next(1000), w.next(1), w.next(1999)];
    const trunk = parts.flatMap((p) => Array.from(p.sensors.trunk?.acc ?? []));
    expect(trunk).toEqual(Array.from(a.sensors.trunk?.acc ?? []));
    expect(parts.flatMap((p) => Array.from(p.truth.trunkFlexionDeg))).toEqual(
      Array.from(a.truth.trunkFlexionDeg),
    );
    expect(parts.flatMap((p) => Array.from(p.tMs))).toEqual(Array.from(a.tMs));
    const other = createSyntheticWorker({ ...base, seed: 43 }).next(3000);
    expect(Array.from(other.sensors.trunk?.acc ?? [])).not.toEqual(Array.from(a.sensors.trunk?.acc ?? []));
  });

  it('keeps the motion when the sensor set changes', () => {
    const a = createSyntheticWorker(base).next(2000);
    const b = createSyntheticWorker({ ...base, placements: ['upper_arm_left'] }).next(2000);
    expect(Array.from(b.truth.trunkFlexionDeg)).toEqual(Array.from(a.truth.trunkFlexionDeg));
  });

  it('accepts 20–200 Hz and refuses other rates', () => {
    for (const sampleRateHz of [20, 25, 100, 200]) {
      const b = createSyntheticWorker({ ...base, sampleRateHz }).next(sampleRateHz * 2);
      expect(b.tMs[1]).toBeCloseTo(1000 / sampleRateHz, 9);
      expect(b.sampleRateHz).toBe(sampleRateHz);
    }
    expect(() => createSyntheticWorker({ ...base, sampleRateHz: 10 })).toThrow(/20\.\.200/);
    expect(() => createSyntheticWorker({ ...base, sampleRateHz: 500 })).toThrow(/20\.\.200/);
  });

  it("people's pelvis walks and sits at tilts of their own, as real waists do", () => {
    const walkOff: number[] = [];
    const seatBack: number[] = [];
    for (let seed = 1; seed <= 30; seed++) {
      const b = createSyntheticWorker({
        ...base,
        seed,
        idealSensors: true,
        task: [
          { activity: 'standing', durationS: 6 },
          { activity: 'walking', durationS: 12 },
          { activity: 'standing', durationS: 4 },
          { activity: 'sitting', durationS: 10 },
        ],
      }).next(50 * 40);
      const mean = (name: string) => {
        let s = 0;
        let n = 0;
        b.truth.activity.forEach((a, i) => {
          if (ACTIVITIES[a] !== name) return;
          s += b.truth.pelvisFlexionDeg[i] as number;
          n++;
        });
        return s / n;
      };
      walkOff.push(mean('walking') - mean('standing'));
      seatBack.push(mean('standing') - mean('sitting'));
    }
    const spread = (v: number[]) => Math.max(...v) - Math.min(...v);
    // Drawn per person: walking −2…+8° off standing, seated 8–36° back (UCI HAPT waists: 2.6–9.2°
    // and 12–37° from the walking tilt, p10–p90).
    for (const d of walkOff) expect(d).toBeGreaterThan(-3.5);
    for (const d of walkOff) expect(d).toBeLessThan(9.5);
    for (const d of seatBack) expect(d).toBeGreaterThan(6);
    for (const d of seatBack) expect(d).toBeLessThan(38);
    expect(spread(walkOff)).toBeGreaterThan(6);
    expect(spread(seatBack)).toBeGreaterThan(18);
  });

  it('sits with the pelvis tilted back and the trunk near upright, lies at about 90°', () => {
    const w = createSyntheticWorker({
      ...base,
      idealSensors: true,
      task: [
        { activity: 'sitting', durationS: 20 },
        { activity: 'lying', durationS: 20 },
      ],
    });
    const b = w.next(50 * 60);
    const t = b.truth;
    const idx = (name: string) => {
      const out: number[] = [];
      t.activity.forEach((a, i) => {
        if (ACTIVITIES[a] === name) out.push(i);
      });
      return out;
    };
    const sit = idx('sitting');
    const lie = idx('lying');
    expect(sit.length).toBeGreaterThan(500);
    expect(lie.length).toBeGreaterThan(500);
    const at = (arr: Float32Array, is: number[]) =>
      is.reduce((s, i) => s + (arr[i] as number), 0) / is.length;
    expect(at(t.pelvisFlexionDeg, sit)).toBeLessThan(-5);
    expect(at(t.pelvisFlexionDeg, sit)).toBeGreaterThan(-30);
    expect(Math.abs(at(t.trunkFlexionDeg, sit))).toBeLessThan(20);
    expect(at(t.trunkInclinationDeg, lie)).toBeGreaterThan(80);
    expect(at(t.trunkInclinationDeg, lie)).toBeLessThan(100);
    // Height truth (for diagnosing the kinematics' height estimate): the hips and the belt sensor
    // are about a quarter of the body height lower on a seat than standing.
    const h = w.profile.heightM;
    expect(t.hipHeightChangeM[0]).toBeCloseTo(0, 2);
    expect(at(t.hipHeightChangeM, sit)).toBeCloseTo(-0.26 * h, 1);
    const belt = b.sensors.pelvis?.heightM as Float32Array;
    expect(at(belt, sit) - (belt[0] as number)).toBeLessThan(-0.2 * h);
    // Transitions are labelled with where they go, and count as the nearer posture.
    const labels = truthLabels(t, b.count, 'activity');
    expect(new Set(labels)).toContain('standing_to_sitting');
    expect(new Set(labels)).toContain('sitting_to_lying');
    const postures = new Set(truthLabels(t, b.count, 'posture'));
    expect([...postures].every((p) => (POSTURE_CLASSES as readonly string[]).includes(p))).toBe(true);
  });

  it.each(TASK_NAMES)('composes a %s shift from its activities', (task) => {
    const w = createSyntheticWorker({ ...base, task, sampleRateHz: 20, seed: 3, placements: ['trunk'] });
    const b = w.next(20 * 3 * 3600);
    const seen = new Map<string, number>();
    b.truth.activity.forEach((a) => {
      const name = ACTIVITIES[a] as string;
      seen.set(name, (seen.get(name) ?? 0) + 1);
    });
    const share = (a: string) => (seen.get(a) ?? 0) / b.count;
    if (task === 'office') expect(share('sitting')).toBeGreaterThan(0.5);
    if (task === 'overhead_assembly') expect(share('overhead_work')).toBeGreaterThan(0.3);
    if (task === 'rebar_tying')
      expect(share('stoop_bend') + share('squatting') + share('kneeling')).toBeGreaterThan(0.5);
    if (task === 'warehouse_picking') {
      expect(share('walking') + share('carrying')).toBeGreaterThan(0.3);
      expect(share('stoop_lift') + share('squat_lift')).toBeGreaterThan(0.01);
    }
    // A 3-hour shift has a rest break.
    expect(share('sitting')).toBeGreaterThan(0);
    expect(mean(b.truth.trunkInclinationDeg, 0, b.count)).toBeLessThan(60);
  });

  it('varies between people: body types, heights and lifting style', () => {
    const profiles = Array.from(
      { length: 40 },
      (_, seed) => createSyntheticWorker({ ...base, seed }).profile,
    );
    expect(new Set(profiles.map((p) => p.bodyType)).size).toBe(5);
    const heights = profiles.map((p) => p.heightM);
    expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(0.25);
    const fixed = createSyntheticWorker({ ...base, body: { bodyType: 'tall', heightM: 1.95 } }).profile;
    expect(fixed).toMatchObject({ bodyType: 'tall', heightM: 1.95 });
    expect(() => createSyntheticWorker({ ...base, body: { heightM: 3 } })).toThrow(/heightM/);
  });
});
