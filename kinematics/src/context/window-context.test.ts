import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FEATURE_INDEX } from '../windows/feature-names.js';
import {
  CONTEXT_FEATURE_NAMES,
  CONTEXT_LAGS_S,
  MODEL_FEATURE_COUNT,
  MODEL_FEATURE_NAMES,
  WindowContext,
} from './window-context.js';

/** A window whose mean inclination is `inclDeg` (the other features 0). */
function windowWith(inclDeg: number): Float32Array {
  const f = new Float32Array(FEATURE_COUNT);
  f[FEATURE_INDEX.incl_mean_deg] = inclDeg;
  return f;
}

const contextIncl = (out: Float32Array, lagS: number) =>
  out[MODEL_FEATURE_NAMES.indexOf(`incl_mean_deg_${lagS}s_ago`)] as number;

describe('WindowContext', () => {
  it('names every context feature after its source and lag, after the window features', () => {
    expect(MODEL_FEATURE_COUNT).toBe(FEATURE_COUNT + CONTEXT_FEATURE_NAMES.length);
    expect(CONTEXT_FEATURE_NAMES).toContain('hip_height_change_m_10s_ago');
    expect(new Set(MODEL_FEATURE_NAMES).size).toBe(MODEL_FEATURE_COUNT);
  });

  it('shows what the wearer did 2, 4.8 and 10 s before the window', () => {
    const context = new WindowContext();
    let out: Float32Array = new Float32Array(0);
    // One window per 0.4 s hop whose inclination is its end time in seconds.
    for (let k = 0; k <= 60; k++) out = context.extend(windowWith(k * 0.4), k * 400);
    expect(out[FEATURE_INDEX.incl_mean_deg]).toBeCloseTo(24, 5);
    for (const lag of CONTEXT_LAGS_S) expect(contextIncl(out, lag)).toBeCloseTo(24 - lag, 4);
  });

  it('lets the oldest window stand in until a lag is reached, and never reaches across a gap', () => {
    const context = new WindowContext();
    for (let k = 0; k < 10; k++) context.extend(windowWith(50), k * 400);
    // 4 s after the start: the 2 s lag exists, the 10 s lag is the first window.
    const early = context.extend(windowWith(10), 4000);
    expect(contextIncl(early, 2)).toBe(50);
    expect(contextIncl(early, 10)).toBe(50);
    // A 5 s pause (device out of range): the history starts afresh with this window.
    const afterGap = context.extend(windowWith(80), 9000);
    for (const lag of CONTEXT_LAGS_S) expect(contextIncl(afterGap, lag)).toBe(80);
    // A new stream segment does the same without a pause.
    const next = context.extend(windowWith(20), 9400, 1);
    for (const lag of CONTEXT_LAGS_S) expect(contextIncl(next, lag)).toBe(20);
  });

  it('refuses a feature vector of the wrong length, naming both', () => {
    expect(() => new WindowContext().extend(new Float32Array(3), 0)).toThrow(
      new RegExp(`expected ${FEATURE_COUNT} features, got 3`),
    );
  });
});
