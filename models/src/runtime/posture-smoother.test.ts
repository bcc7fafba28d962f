import { describe, expect, it } from 'vitest';
import { PostureSmoother } from './posture-smoother.js';

const classes = ['standing', 'sitting'] as const;
const standing = [0.9, 0.1];
const sitting = [0.1, 0.9];

describe('PostureSmoother', () => {
  it('does not let one odd window flip the class', () => {
    const s = new PostureSmoother(classes, 1);
    for (let i = 1; i <= 10; i++) s.push(i * 400, standing);
    expect(s.push(4400, sitting).class).toBe('standing');
    expect(s.push(4800, standing).class).toBe('standing');
  });

  it('follows a real change within about a second', () => {
    const s = new PostureSmoother(classes, 1);
    for (let i = 1; i <= 10; i++) s.push(i * 400, standing);
    const after = [1, 2, 3, 4].map((k) => s.push(4000 + k * 400, sitting).class);
    expect(after.indexOf('sitting')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('sitting')).toBeLessThanOrEqual(2);
  });

  it('starts afresh after a gap, and passes windows through unchanged with τ = 0', () => {
    const s = new PostureSmoother(classes, 1);
    for (let i = 1; i <= 10; i++) s.push(i * 400, standing);
    expect(s.push(60_000, sitting).class).toBe('sitting');
    const raw = new PostureSmoother(classes, 0);
    raw.push(400, standing);
    expect(raw.push(800, sitting).probabilities[1]).toBeCloseTo(0.9, 6);
  });
});
