import { describe, expect, it } from 'vitest';
import { inverseNormalCdf } from './normal-table.js';
import { Rng } from './rng.js';

const moments = (draw: () => number, n: number) => {
  let s = 0;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    s2 += v * v;
    s4 += v ** 4;
  }
  return { mean: s / n, variance: s2 / n - (s / n) ** 2, kurtosis: s4 / n / (s2 / n) ** 2 };
};

describe('seeded random numbers', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws standard normals, exact and from the table, with mean 0, variance 1 and kurtosis 3', () => {
    const rng = new Rng(1);
    for (const m of [moments(() => rng.normal(), 200_000), moments(() => rng.fastNormal(), 200_000)]) {
      expect(Math.abs(m.mean)).toBeLessThan(0.01);
      expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
      expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.1);
    }
    expect(inverseNormalCdf(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormalCdf(0.001)).toBeCloseTo(-3.090232, 5);
  });
});
