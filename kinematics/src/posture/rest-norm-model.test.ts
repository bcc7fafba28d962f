import { describe, expect, it } from 'vitest';
import { RestNormModel } from './rest-norm-model.js';

describe('RestNormModel', () => {
  it('learns |acc| at rest where the sensor rested and stays unsure where it has not', () => {
    const model = new RestNormModel();
    // A sensor biased by 0.2 m/s² along x, resting upright (x up) for 4 s at 25 Hz.
    for (let k = 0; k < 100; k++) model.update(9.81 + 0.2, [1, 0, 0]);
    expect(model.predict([1, 0, 0])).toBeCloseTo(10.01, 2);
    const upright = model.predictionSd([1, 0, 0]);
    const lying = model.predictionSd([0, 0, 1]);
    const tilted = model.predictionSd([Math.cos(0.35), 0, Math.sin(0.35)]);
    expect(upright).toBeLessThan(0.01);
    // Not seen yet: the prior's 0.15 m/s² per axis, in proportion to the turn.
    expect(lying).toBeGreaterThan(0.15);
    expect(tilted).toBeGreaterThan(3 * upright);
    expect(tilted).toBeLessThan(lying);
  });
});
