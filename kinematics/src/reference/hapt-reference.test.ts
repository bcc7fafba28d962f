import { describe, expect, it } from 'vitest';
import { angleBetween, RAD_TO_DEG, type Vec3 } from '../math/vec3.js';
import { PostureTracker } from '../posture/posture-tracker.js';
import { HAPT_DIR, type LabelledSample, meanAccDirection, readRecording } from '../testing/hapt.js';

// Real people (UCI HAPT, waist phone): the reference must come out of the data for every mounting.
const RECORDINGS = [
  'exp01_user01',
  'exp04_user02',
  'exp13_user07',
  'exp29_user14',
  'exp38_user19',
  'exp41_user20',
];

function meanInclinationByLabel(rec: LabelledSample[], gyro: boolean): Map<string, number> {
  const tracker = new PostureTracker({ placement: 'pelvis' });
  const sums = new Map<string, { s: number; n: number }>();
  let j = 0;
  for (const raw of rec) {
    for (const p of tracker.push(gyro ? raw : { ...raw, gyro: null })) {
      while (j + 1 < rec.length && (rec[j + 1] as LabelledSample).tMs <= p.tMs) j++;
      const label = (rec[j] as LabelledSample).label;
      const acc = sums.get(label) ?? { s: 0, n: 0 };
      acc.s += p.inclinationDeg;
      acc.n++;
      sums.set(label, acc);
    }
  }
  return new Map([...sums].map(([k, v]) => [k, v.s / v.n]));
}

describe('upright reference on real recordings (UCI HAPT)', () => {
  const recordings = RECORDINGS.map((name) => ({ name, rec: readRecording(`${HAPT_DIR}/${name}.csv.gz`) }));

  it('STANDING comes out near 0° and LAYING near 90°, with and without the gyroscope', () => {
    for (const { name, rec } of recordings) {
      for (const gyro of [true, false]) {
        const incl = meanInclinationByLabel(rec, gyro);
        expect(incl.get('STANDING'), `${name} standing`).toBeLessThan(10);
        expect(incl.get('LAYING'), `${name} laying`).toBeGreaterThan(55);
        expect(incl.get('LAYING'), `${name} laying`).toBeLessThan(115);
        expect(incl.get('SITTING'), `${name} sitting`).toBeGreaterThan(incl.get('STANDING') as number);
      }
    }
  });

  it('a recording that starts sitting ends with a reference near the standing direction once walking was seen', () => {
    for (const { name, rec } of recordings) {
      const firstSit = rec.findIndex((r) => r.label === 'SITTING');
      const tracker = new PostureTracker({ placement: 'pelvis' });
      for (const raw of rec.slice(firstSit)) tracker.push(raw);
      const upright = tracker.reference.upright;
      expect(upright, name).not.toBeNull();
      expect(tracker.reference.source, name).toBe('walking');
      const errDeg = angleBetween(upright as Vec3, meanAccDirection(rec, 'STANDING') as Vec3) * RAD_TO_DEG;
      expect(errDeg, name).toBeLessThan(15);
    }
  });
});
