import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { angleBetween, dot, normalize, RAD_TO_DEG, scale, sub, type Vec3 } from '../math/vec3.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { HAPT_DIR, meanAccDirection, readRecording } from '../testing/hapt.js';
import { GaitForwardAxis } from './gait-forward-axis.js';

const UPRIGHT: Vec3 = [0, 0, 1];
const G = 9.81;
const STEP_HZ = 1.9;

/**
 * Specific force at a belt while walking along +x: the hips bounce (vertical acceleration −A cos)
 * and surge (forward acceleration leading it by `leadRad`; 2.1 rad, a third of a step, on the UCI
 * HAPT waist phones), and sway sideways once per stride.
 */
function walking(tS: number, surge = 1.8, leadRad = 2.1): Vec3 {
  const ph = 2 * Math.PI * STEP_HZ * tS;
  return [-surge * Math.cos(ph + leadRad), 1.1 * Math.sin(ph / 2), G - 2.5 * Math.cos(ph)];
}

function walk(axis: GaitForwardAxis, seconds: number, acc: (t: number) => Vec3, t0 = 0): number {
  let t = t0;
  for (let i = 0; i < seconds * 25; i++, t += 0.04) axis.update(acc(t), UPRIGHT, 0.04);
  return t;
}

describe('GaitForwardAxis', () => {
  it('tells forward from the steps, sign included, after 8 s of walking', () => {
    const axis = new GaitForwardAxis();
    const t = walk(axis, 6, (t) => walking(t));
    expect(axis.forward(UPRIGHT)).toBeNull();
    walk(axis, 4, (t) => walking(t), t);
    const forward = axis.forward(UPRIGHT) as Vec3;
    expect(angleBetween(forward, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
  });

  it('holds for the real gait phases, forward acceleration a quarter to half a step ahead of the vertical', () => {
    for (const leadRad of [Math.PI / 2 + 0.3, 2.1, Math.PI - 0.3]) {
      const axis = new GaitForwardAxis();
      walk(axis, 12, (t) => walking(t, 1.8, leadRad));
      expect(dot(axis.forward(UPRIGHT) as Vec3, [1, 0, 0]), `lead ${leadRad}`).toBeGreaterThan(0.9);
    }
  });

  it('a tilted reference and a sensor scale error do not move it: the swings are taken about their means', () => {
    const axis = new GaitForwardAxis();
    // 4° off in the reference leaks 0.7 m/s² of gravity into the horizontal; |acc| reads 3 % high.
    const tilt = Math.sin((4 * Math.PI) / 180);
    walk(axis, 12, (t) => {
      const [x, y, z] = walking(t);
      return [1.03 * (x + tilt * G), 1.03 * (y + tilt * G), 1.03 * z];
    });
    expect(angleBetween(axis.forward(UPRIGHT) as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
  });

  it('a reset forgets the walk going on: a re-clipped sensor is judged by its new steps alone', () => {
    const before = new GaitForwardAxis();
    // 11.5 s: 2 s settle the means, four chunks vote, the fifth is 1.5 s in (enough to vote at a pause).
    walk(before, 11.5, (t) => walking(t));
    before.reset();
    const fresh = new GaitForwardAxis();
    // Turned round on the belt: the steps now surge along −x.
    const reversed = (t: number): Vec3 => {
      const [x, y, z] = walking(t);
      return [-x, -y, z];
    };
    walk(before, 10, reversed);
    walk(fresh, 10, reversed);
    const forward = before.forward(UPRIGHT) as Vec3;
    expect(angleBetween(forward, [-1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
    expect(forward).toEqual(fresh.forward(UPRIGHT));
  });

  it('sideways sway alone tells nothing: no axis without a surge', () => {
    const axis = new GaitForwardAxis();
    walk(axis, 30, (t) => walking(t, 0));
    expect(axis.forward(UPRIGHT)).toBeNull();
  });

  it('adds up walk by walk: two 5 s walks tell what one does not', () => {
    const axis = new GaitForwardAxis();
    const t = walk(axis, 5, (t) => walking(t));
    axis.pause();
    expect(axis.forward(UPRIGHT)).toBeNull();
    walk(axis, 5, (t) => walking(t), t + 30);
    expect(angleBetween(axis.forward(UPRIGHT) as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
    axis.reset();
    expect(axis.forward(UPRIGHT)).toBeNull();
  });

  it('stairs down, where the surge lags the bounce, neither reverse it nor tell it alone', () => {
    // Descending, the jerk sum points backwards (as on 38 of 39 UCI HAPT waists), the covariance still forwards.
    const down = (t: number) => walking(t, 1.8, -2.3);
    const alone = new GaitForwardAxis();
    walk(alone, 30, down);
    expect(alone.forward(UPRIGHT)).toBeNull();
    const mixed = new GaitForwardAxis();
    let t = 0;
    for (let k = 0; k < 4; k++) {
      t = walk(mixed, 6, (t) => walking(t), t);
      mixed.pause();
      t = walk(mixed, 6, down, t + 5);
      mixed.pause();
      t += 5;
    }
    expect(angleBetween(mixed.forward(UPRIGHT) as Vec3, [1, 0, 0]) * RAD_TO_DEG).toBeLessThan(5);
  });
});

describe('forward axis from the steps on real waist phones (UCI HAPT)', () => {
  // Every shared recording with walking and lying (on the back: the belly, i.e. forward, faces up).
  const names = readdirSync(HAPT_DIR).filter((n) => n.endsWith('.csv.gz'));

  it("a belt tracker's steps face the way the wearer lies on the back, or abstain", () => {
    const cosines: number[] = [];
    let abstained = 0;
    let withBends = 0;
    for (const name of names) {
      const rec = readRecording(`${HAPT_DIR}/${name}`);
      const lying = meanAccDirection(rec, 'LAYING');
      // 20 s of level walking at least (exp20 has half a second).
      if (!lying || rec.filter((r) => r.label === 'WALKING').length < 1000) continue;
      // Level walking and both kinds of stairs, as the recording has them.
      const tracker = new PostureTracker({ placement: 'pelvis' });
      for (const raw of rec) tracker.push(raw);
      const upright = tracker.reference.upright as Vec3;
      const forward = tracker.reference.gaitForward;
      if (forward === null) {
        abstained++;
        continue;
      }
      const belly = normalize(sub(lying, scale(upright, dot(lying, upright))));
      cosines.push(dot(forward, belly));
      // And the axis the angles use, where bends gave one (the steps do not supply it): seats had
      // turned most of these recordings' bends backwards, the steps veto that.
      const used = tracker.reference.forward;
      if (used !== null) {
        withBends++;
        expect(dot(used, belly), name).toBeGreaterThan(0.5);
      }
    }
    // 39 recordings; one (exp41) abstains: its chunks disagree too often.
    expect(cosines.length).toBeGreaterThanOrEqual(35);
    expect(abstained).toBeLessThanOrEqual(3);
    expect(withBends).toBeGreaterThanOrEqual(25);
    // Lying is not always flat on the back, so a loose bound per recording (lowest seen 0.72), a
    // tight one typically (median 0.99). Backwards would be −1.
    for (const c of cosines) expect(c).toBeGreaterThan(0.5);
    const sorted = [...cosines].sort((a, b) => a - b);
    expect(sorted[sorted.length >> 1]).toBeGreaterThan(0.9);
  });
});
