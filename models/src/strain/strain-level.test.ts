import { describe, expect, it } from 'vitest';
import { type StrainInput, strainLevel, trunkMaxHoldS } from './strain-level.js';
import { StrainTracker } from './strain-tracker.js';

const upright: StrainInput = {
  posture: 'standing',
  trunkFlexionDeg: 5,
  trunkOver20HoldS: 0,
  trunkOver60HoldS: 0,
};

describe('trunkMaxHoldS', () => {
  it('follows the linearised ISO 11226 curve: 240 s at 20°, 150 s at 40°, 60 s at 60°', () => {
    expect(trunkMaxHoldS(20)).toBe(240);
    expect(trunkMaxHoldS(40)).toBe(150);
    expect(trunkMaxHoldS(60)).toBe(60);
    expect(trunkMaxHoldS(80)).toBe(60);
  });
});

describe('strainLevel', () => {
  it('is low for upright standing, walking and sitting', () => {
    expect(strainLevel(upright)).toBe('low');
    expect(strainLevel({ ...upright, posture: 'walking' })).toBe('low');
    expect(strainLevel({ ...upright, posture: 'sitting', trunkFlexionDeg: 30, trunkOver20HoldS: 600 })).toBe(
      'low',
    );
  });

  it('is low lying down even though the trunk is horizontal', () => {
    expect(strainLevel({ ...upright, posture: 'lying', trunkFlexionDeg: 90, trunkOver60HoldS: 100 })).toBe(
      'low',
    );
  });

  it('is elevated for a moderate bend and high once held past the ISO holding time', () => {
    const bend = { ...upright, posture: 'stooping' as const, trunkFlexionDeg: 40 };
    expect(strainLevel({ ...bend, trunkOver20HoldS: 149 })).toBe('elevated');
    expect(strainLevel({ ...bend, trunkOver20HoldS: 150 })).toBe('high');
  });

  it('is high for a deep stoop held 10 s (LMM-KH) and at once beyond 85°', () => {
    const stoop = { ...upright, posture: 'stooping' as const, trunkFlexionDeg: 70, trunkOver20HoldS: 9 };
    expect(strainLevel({ ...stoop, trunkOver60HoldS: 9 })).toBe('elevated');
    expect(strainLevel({ ...stoop, trunkOver60HoldS: 10 })).toBe('high');
    expect(strainLevel({ ...stoop, trunkFlexionDeg: 88, trunkOver60HoldS: 0.4 })).toBe('high');
  });

  it('rates a stooped lift high and a lift with a straighter back elevated', () => {
    expect(strainLevel({ ...upright, posture: 'lifting', peakTrunkFlexionDeg: 75 })).toBe('high');
    expect(strainLevel({ ...upright, posture: 'lifting', peakTrunkFlexionDeg: 35 })).toBe('elevated');
    expect(strainLevel({ ...upright, lift: true })).toBe('elevated');
  });

  it('raises a bend one step when it is fast', () => {
    const bend = { ...upright, posture: 'stooping' as const, trunkFlexionDeg: 30, trunkOver20HoldS: 1 };
    expect(strainLevel({ ...bend, peakFlexionRateDegS: 60 })).toBe('elevated');
    expect(strainLevel({ ...bend, peakFlexionRateDegS: 150 })).toBe('high');
  });

  it('rates overhead work by arm elevation and hold, and squatting by hold', () => {
    const overhead = { ...upright, posture: 'overhead' as const, armElevationDeg: 120 };
    expect(strainLevel({ ...overhead, armOver60HoldS: 4 })).toBe('elevated');
    expect(strainLevel({ ...overhead, armOver60HoldS: 12 })).toBe('high');
    const squat = { ...upright, posture: 'squatting_kneeling' as const };
    expect(strainLevel({ ...squat, postureHoldS: 30 })).toBe('elevated');
    expect(strainLevel({ ...squat, postureHoldS: 61 })).toBe('high');
  });
});

describe('StrainTracker', () => {
  it('turns a held deep stoop from elevated to high after 10 s and back to low when upright', () => {
    const tracker = new StrainTracker(0.4);
    const levels: string[] = [];
    for (let i = 1; i <= 40; i++) {
      levels.push(tracker.push({ tEndMs: i * 400, posture: 'stooping', trunkFlexionDeg: 70 }).level);
    }
    // The i-th window's hold is (i - 1)·0.4 + 0.4 s: 10 s is reached at window 25.
    expect(levels.slice(0, 24).every((l) => l === 'elevated')).toBe(true);
    expect(levels.slice(24).every((l) => l === 'high')).toBe(true);
    expect(tracker.push({ tEndMs: 16_400, posture: 'standing', trunkFlexionDeg: 3 }).level).toBe('low');
    expect(
      tracker.push({ tEndMs: 16_800, posture: 'stooping', trunkFlexionDeg: 70 }).input.trunkOver60HoldS,
    ).toBe(0.4);
  });

  it('restarts holds after a gap in the stream', () => {
    const tracker = new StrainTracker(0.4);
    for (let i = 1; i <= 30; i++) tracker.push({ tEndMs: i * 400, posture: 'stooping', trunkFlexionDeg: 70 });
    const after = tracker.push({ tEndMs: 60_000, posture: 'stooping', trunkFlexionDeg: 70 });
    expect(after.input.trunkOver60HoldS).toBe(0.4);
    expect(after.level).toBe('elevated');
  });
});
