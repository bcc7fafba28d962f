import type { Rng } from '../random/rng.js';
import { BODY_TYPES, type BodyProfile, type BodyType } from '../types.js';

interface BodyTypeRange {
  heightM: [number, number];
  cadenceHz: [number, number];
  speedFactor: [number, number];
  rangeFactor: [number, number];
  stoopLiftShare: [number, number];
}

// Heights from European anthropometry (women ~1.65 m, men ~1.79 m); cadence 1.6–2.0 steps/s is
// normal walking; older and heavier people move slower and bend less deep.
const RANGES: Record<BodyType, BodyTypeRange> = {
  short: {
    heightM: [1.5, 1.64],
    cadenceHz: [1.75, 2.05],
    speedFactor: [0.9, 1.2],
    rangeFactor: [0.9, 1.1],
    stoopLiftShare: [0.2, 0.8],
  },
  average: {
    heightM: [1.65, 1.8],
    cadenceHz: [1.65, 1.95],
    speedFactor: [0.85, 1.15],
    rangeFactor: [0.85, 1.1],
    stoopLiftShare: [0.2, 0.85],
  },
  tall: {
    heightM: [1.82, 2.0],
    cadenceHz: [1.55, 1.85],
    speedFactor: [0.85, 1.1],
    rangeFactor: [0.9, 1.15],
    stoopLiftShare: [0.4, 0.95],
  },
  heavy: {
    heightM: [1.65, 1.85],
    cadenceHz: [1.5, 1.8],
    speedFactor: [0.75, 0.95],
    rangeFactor: [0.75, 0.95],
    stoopLiftShare: [0.4, 0.9],
  },
  older: {
    heightM: [1.6, 1.8],
    cadenceHz: [1.45, 1.75],
    speedFactor: [0.7, 0.9],
    rangeFactor: [0.7, 0.9],
    stoopLiftShare: [0.3, 0.9],
  },
};

/** Draws a person's build and style from the seed; `overrides` fix any field. */
export function drawBodyProfile(rng: Rng, overrides: Partial<BodyProfile> = {}): BodyProfile {
  const bodyType = overrides.bodyType ?? (BODY_TYPES[rng.weighted([2, 5, 2, 2, 2])] as BodyType);
  const r = RANGES[bodyType];
  const u = (range: [number, number]) => rng.uniform(range[0], range[1]);
  const drawn: BodyProfile = {
    bodyType,
    heightM: u(r.heightM),
    cadenceHz: u(r.cadenceHz),
    speedFactor: u(r.speedFactor),
    rangeFactor: u(r.rangeFactor),
    stoopLiftShare: u(r.stoopLiftShare),
  };
  const profile = { ...drawn, ...overrides };
  checkProfile(profile);
  return profile;
}

function checkProfile(p: BodyProfile): void {
  const bad = (what: string) => {
    throw new Error(`body profile: ${what}`);
  };
  if (!(p.heightM >= 1.2 && p.heightM <= 2.3)) bad(`heightM ${p.heightM} is not in 1.2..2.3`);
  if (!(p.cadenceHz >= 1 && p.cadenceHz <= 3)) bad(`cadenceHz ${p.cadenceHz} is not in 1..3`);
  if (!(p.speedFactor >= 0.3 && p.speedFactor <= 3)) bad(`speedFactor ${p.speedFactor} is not in 0.3..3`);
  if (!(p.rangeFactor >= 0.3 && p.rangeFactor <= 1.5)) bad(`rangeFactor ${p.rangeFactor} is not in 0.3..1.5`);
  if (!(p.stoopLiftShare >= 0 && p.stoopLiftShare <= 1))
    bad(`stoopLiftShare ${p.stoopLiftShare} is not in 0..1`);
}
