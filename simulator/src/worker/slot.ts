import type { TruthBlock } from '../types.js';

/** Value of TruthBlock.transitionFrom/To outside transitions. */
export const NO_TRANSITION = 255;

/** The body at one sample instant, with its ground truth. */
export interface Slot {
  /** Sensor orientations (4 per placement) and sites (3 per placement). */
  q: Float64Array;
  p: Float64Array;
  activity: number;
  posture: number;
  flex: number;
  incl: number;
  side: number;
  twist: number;
  pelvisFlex: number;
  hipDrop: number;
  armL: number;
  armR: number;
  arm: number;
  lift: number;
  trFrom: number;
  trTo: number;
}

/**
 * Body-frame angular velocity (rad/s) turning orientation a[o..] into b[o..] in `dtS`, written to
 * `out`; returns dtS / 2 (the sample step) for the caller's convenience.
 */
export function angularRate(
  a: Float64Array,
  b: Float64Array,
  o: number,
  dtS: number,
  out: Float64Array,
): number {
  const aw = a[o] as number;
  const ax = -(a[o + 1] as number);
  const ay = -(a[o + 2] as number);
  const az = -(a[o + 3] as number);
  const bw = b[o] as number;
  const bx = b[o + 1] as number;
  const by = b[o + 2] as number;
  const bz = b[o + 3] as number;
  // d = conj(a) ⊗ b, taken on the short way round.
  let dw = aw * bw - ax * bx - ay * by - az * bz;
  let dx = aw * bx + ax * bw + ay * bz - az * by;
  let dy = aw * by - ax * bz + ay * bw + az * bx;
  let dz = aw * bz + ax * by - ay * bx + az * bw;
  if (dw < 0) {
    dw = -dw;
    dx = -dx;
    dy = -dy;
    dz = -dz;
  }
  const vn = Math.sqrt(dx * dx + dy * dy + dz * dz);
  if (vn < 1e-15) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
  } else {
    const f = (2 * Math.atan2(vn, dw)) / (vn * dtS);
    out[0] = dx * f;
    out[1] = dy * f;
    out[2] = dz * f;
  }
  return dtS / 2;
}

export const EMPTY_TRUTH = {
  activity: 0,
  posture: 0,
  flex: 0,
  incl: 0,
  side: 0,
  twist: 0,
  pelvisFlex: 0,
  hipDrop: 0,
  armL: 0,
  armR: 0,
  arm: 0,
  lift: 0,
  trFrom: NO_TRANSITION,
  trTo: NO_TRANSITION,
};

export function newTruth(n: number): TruthBlock {
  const f = () => new Float32Array(n);
  return {
    activity: new Uint8Array(n),
    posture: new Uint8Array(n),
    trunkFlexionDeg: f(),
    trunkInclinationDeg: f(),
    pelvisFlexionDeg: f(),
    hipHeightChangeM: f(),
    trunkSideBendDeg: f(),
    trunkTwistDeg: f(),
    armElevationDeg: f(),
    armElevationLeftDeg: f(),
    armElevationRightDeg: f(),
    liftOnset: new Uint8Array(n),
    transitionFrom: new Uint8Array(n),
    transitionTo: new Uint8Array(n),
  };
}

export function writeTruth(t: TruthBlock, i: number, s: Slot): void {
  t.activity[i] = s.activity;
  t.posture[i] = s.posture;
  t.trunkFlexionDeg[i] = s.flex;
  t.trunkInclinationDeg[i] = s.incl;
  t.pelvisFlexionDeg[i] = s.pelvisFlex;
  t.hipHeightChangeM[i] = s.hipDrop;
  t.trunkSideBendDeg[i] = s.side;
  t.trunkTwistDeg[i] = s.twist;
  t.armElevationDeg[i] = s.arm;
  t.armElevationLeftDeg[i] = s.armL;
  t.armElevationRightDeg[i] = s.armR;
  t.liftOnset[i] = s.lift;
  t.transitionFrom[i] = s.trFrom;
  t.transitionTo[i] = s.trTo;
}
