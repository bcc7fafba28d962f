import { describe, expect, it } from 'vitest';
import { angleBetween, RAD_TO_DEG, type Vec3 } from '../math/vec3.js';
import { WalkingMean } from './walking-mean.js';

const DT = 0.04;
const feed = (m: WalkingMean, t0S: number, seconds: number, up: Vec3, walking: boolean) => {
  const sustained: number[] = [];
  for (let i = 0; i < seconds / DT; i++) {
    const tMs = Math.round((t0S + i * DT) * 1000);
    if (m.update(tMs, up, walking, DT)) sustained.push(tMs);
  }
  return sustained;
};

describe('WalkingMean', () => {
  it('ignores gait bouts shorter than minBoutS', () => {
    const m = new WalkingMean({ minBoutS: 2, walkMinS: 1, memoryS: 60 });
    for (let k = 0; k < 10; k++) {
      feed(m, k * 3, 1.5, [0, 0, 1], true);
      feed(m, k * 3 + 1.5, 1.5, [1, 0, 0], false);
    }
    expect(m.reference).toBeNull();
  });

  it('counts a sustained bout from its start but drops its tail (the gait flag outlasts the gait)', () => {
    const m = new WalkingMean({ minBoutS: 2, walkMinS: 2.5, memoryS: 60 });
    const sustained = feed(m, 0, 3.5, [0, 0, 1], true);
    expect(sustained).toEqual([2000]);
    // The flag stays on for 1 s into a 40° bend: those samples must not count.
    feed(m, 3.5, 1, [Math.sin(0.7), 0, Math.cos(0.7)], true);
    feed(m, 4.5, 1, [1, 0, 0], false);
    const ref = m.reference as Vec3;
    expect(ref).not.toBeNull();
    expect(angleBetween(ref, [0, 0, 1]) * RAD_TO_DEG).toBeLessThan(0.5);
  });
});
