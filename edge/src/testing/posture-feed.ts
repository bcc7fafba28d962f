import { emptySample, type PostureSample } from '../rules/posture-sample.js';
import type { RuleEngine } from '../rules/rule-engine.js';
import type { RuleHit } from '../rules/rule-hit.js';

/** Angle (degrees) as a function of seconds since the start of the segment. */
type AngleFn = number | ((tS: number) => number);

export interface Segment {
  durationS: number;
  trunk?: AngleFn;
  side?: AngleFn;
  arm?: AngleFn;
}

/**
 * Feeds posture samples at `rateHz` through `engine` segment after segment, from `startMs`;
 * returns every hit and the time after the last sample. For rule tests only.
 */
export function feed(
  engine: RuleEngine,
  segments: Segment[],
  options: { startMs?: number; rateHz?: number; hits?: RuleHit[] } = {},
): { hits: RuleHit[]; endMs: number } {
  const rateHz = options.rateHz ?? 50;
  const hits = options.hits ?? [];
  const stepMs = 1000 / rateHz;
  let tMs = options.startMs ?? 1_700_000_000_000;
  for (const segment of segments) {
    const n = Math.round(segment.durationS * rateHz);
    for (let i = 0; i < n; i++) {
      const tS = i / rateHz;
      const sample: PostureSample = emptySample(tMs);
      sample.trunkFlexionDeg = value(segment.trunk, tS);
      sample.trunkSideBendDeg = value(segment.side, tS);
      sample.armElevationDeg = value(segment.arm, tS);
      engine.onSample(sample, hits);
      tMs += stepMs;
    }
  }
  return { hits, endMs: tMs };
}

function value(fn: AngleFn | undefined, tS: number): number {
  if (fn === undefined) return Number.NaN;
  return typeof fn === 'number' ? fn : fn(tS);
}
