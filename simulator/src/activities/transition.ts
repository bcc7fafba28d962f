import { type Base, lerpPose, minJerk } from '../body/pose.js';
import type { PlanContext, Segment } from './segment.js';

/** Typical durations of postural transitions in seconds (HAPT: 2–5 s; stand-to-lie is longest). */
const LEG_S: Record<string, [number, number]> = {
  'standing>sitting': [1.6, 2.6],
  'sitting>lying': [2.2, 3.5],
  'standing>squatting': [1.1, 2],
  'standing>kneeling': [1.8, 3],
  'squatting>kneeling': [1, 1.8],
};

/** Forward lean at the middle of a leg (to bring the centre of mass over the feet). */
const LEAN_DEG: Record<string, number> = {
  'standing>sitting': 28,
  'sitting>lying': 0,
  'standing>squatting': 15,
  'standing>kneeling': 22,
  'squatting>kneeling': 8,
};

/** Legs a transition goes through: lying is reached via sitting, low postures via standing. */
function route(from: Base, to: Base): Base[] {
  const level = (b: Base) => (b === 'lying' ? 2 : b === 'sitting' ? 1 : 0);
  if (from === 'lying' || to === 'lying') {
    const other = from === 'lying' ? to : from;
    const path: Base[] =
      other === 'sitting'
        ? ['sitting', 'lying']
        : [other, ...(other === 'standing' ? [] : ['standing' as Base]), 'sitting', 'lying'];
    return from === 'lying' ? path.reverse() : path;
  }
  if (level(from) === 1 || level(to) === 1) {
    const other = from === 'sitting' ? to : from;
    const path: Base[] = other === 'standing' ? ['standing', 'sitting'] : [other, 'standing', 'sitting'];
    return from === 'sitting' ? path.reverse() : path;
  }
  if ((from === 'squatting' && to === 'kneeling') || (from === 'kneeling' && to === 'squatting'))
    return [from, to];
  return from === 'standing' || to === 'standing' ? [from, to] : [from, 'standing', to];
}

const key = (a: Base, b: Base) => (LEG_S[`${a}>${b}`] ? `${a}>${b}` : `${b}>${a}`);

/**
 * A smooth change of base posture (stand → sit, sit → lie, stand → squat …): minimum-jerk
 * interpolation between the neutral poses, with the forward lean people make on the way.
 */
export function planTransition(ctx: PlanContext, from: Base, to: Base): Segment {
  const { rng, profile } = ctx;
  const path = route(from, to);
  const legs = path.slice(1).map((b, i) => {
    const a = path[i] as Base;
    const [lo, hi] = LEG_S[key(a, b)] ?? [1.5, 2.5];
    return {
      a,
      b,
      s: rng.uniform(lo, hi) / profile.speedFactor,
      lean: (LEAN_DEG[key(a, b)] ?? 10) * rng.uniform(0.7, 1.3),
    };
  });
  const durationS = legs.reduce((s, l) => s + l.s, 0);
  return {
    activity: 'transition',
    base: to,
    durationS,
    transition: { from, to },
    pose(t, out) {
      let start = 0;
      for (let i = 0; i < legs.length; i++) {
        const leg = legs[i] as (typeof legs)[number];
        if (t <= start + leg.s || i === legs.length - 1) {
          const u = Math.min(1, Math.max(0, (t - start) / leg.s));
          lerpPose(ctx.neutral[leg.a], ctx.neutral[leg.b], minJerk(u), out);
          // Bell-shaped lean, zero slope at both ends (sin² keeps acceleration continuous).
          const bump = Math.sin(Math.PI * u) ** 2;
          out.trunkFlexDeg += leg.lean * bump * 0.6;
          out.pelvisPitchDeg += leg.lean * bump * 0.4;
          return;
        }
        start += leg.s;
      }
    },
  };
}
