import { add, angleBetween, dot, norm, normalize, RAD_TO_DEG, scale, sub, type Vec3 } from '../math/vec3.js';

/** Smallest summed vote (≈ 1.5 s of a 30° bend at 25 Hz) before the forward axis is reported. */
const MIN_VOTE = 18;
/** Only the first seconds of a bend vote: long tilts are more likely sitting or lying back. */
const MAX_BOUT_S = 15;
/** Tilts below this do not start a bend, °. */
const BEND_START_DEG = 15;
/** An excursion beyond the voting range by this much (°) was lying down, not a bend. */
const LYING_MARGIN_DEG = 10;

/**
 * Learns the wearer's forward axis in the sensor frame from bends: people bend forward far more
 * often than backwards or sideways. Every sample tilted within `voteRangeDeg` of upright, during
 * the first 15 s of a bend, votes with the negated horizontal part of its up direction (bending
 * forward tilts the world's up towards −forward in the wearer's frame). An excursion that goes on
 * well past the range was lying down (a belt sensor tilts backwards): its votes are taken back. Once an axis stands, only
 * tilts within 60° of it vote, so side bends and leaning back cannot drag it sideways; the others
 * are summed apart and replace the axis if they grow to twice its votes (the first bends were not
 * forward ones).
 */
export class ForwardAxisEstimator {
  private vote: Vec3 = [0, 0, 0];
  /** What the excursion going on added to `vote` and `dissent`: taken back if it was lying down. */
  private excursionVote: Vec3 = [0, 0, 0];
  private excursionDissent: Vec3 = [0, 0, 0];
  private excursionVoid = false;
  /** Votes refused for pointing away from the current axis; they take over if they outgrow it. */
  private dissent: Vec3 = [0, 0, 0];
  private bendStartMs = Number.NaN;

  /** @param voteRangeDeg inclinations that vote, ° (default 20–75: beyond, lying is likelier than bending). */
  constructor(private readonly voteRangeDeg: readonly [number, number] = [20, 75]) {}

  /** Feeds one sample (not while walking): time, unit up direction, and the upright reference. */
  update(tMs: number, up: Vec3, upright: Vec3): void {
    const inclDeg = angleBetween(up, upright) * RAD_TO_DEG;
    if (inclDeg < BEND_START_DEG) {
      this.endExcursion();
      return;
    }
    if (Number.isNaN(this.bendStartMs)) this.bendStartMs = tMs;
    const [lo, hi] = this.voteRangeDeg;
    // Lying down passes through the voting range too, backwards or sideways as often as not: an
    // excursion that goes on past it casts no votes at all.
    if (inclDeg > hi + LYING_MARGIN_DEG && !this.excursionVoid) {
      this.excursionVoid = true;
      this.vote = sub(this.vote, this.excursionVote);
      this.dissent = sub(this.dissent, this.excursionDissent);
    }
    if (this.excursionVoid) return;
    if (inclDeg < lo || inclDeg > hi || tMs - this.bendStartMs > MAX_BOUT_S * 1000) return;
    const vote = scale(sub(up, scale(upright, dot(up, upright))), -1);
    const current = this.forward(upright);
    if (current !== null && dot(normalize(vote), current) < 0.5) {
      // Side bends to both sides cancel out here; consistent bends in one other direction do not,
      // and then the first axis (e.g. from an early side bend) was wrong.
      this.dissent = add(this.dissent, vote);
      this.excursionDissent = add(this.excursionDissent, vote);
      if (norm(this.dissent) > 2 * norm(this.vote)) {
        this.vote = this.dissent;
        this.dissent = [0, 0, 0];
        this.excursionVote = this.excursionDissent;
        this.excursionDissent = [0, 0, 0];
      }
      return;
    }
    this.vote = add(this.vote, vote);
    this.excursionVote = add(this.excursionVote, vote);
  }

  private endExcursion(): void {
    this.excursionVote = [0, 0, 0];
    this.excursionDissent = [0, 0, 0];
    this.excursionVoid = false;
    this.bendStartMs = Number.NaN;
  }

  /** The forward axis (unit, ⊥ `upright`), or null until enough bending was seen. */
  forward(upright: Vec3): Vec3 | null {
    if (norm(this.vote) < MIN_VOTE) return null;
    const perp = sub(this.vote, scale(upright, dot(this.vote, upright)));
    return norm(perp) > 1e-6 ? normalize(perp) : null;
  }

  /** Starts from a known axis (a kept calibration), as strong as a few seconds of bending. */
  seed(forward: Vec3): void {
    this.vote = scale(normalize(forward), 2 * MIN_VOTE);
    this.dissent = [0, 0, 0];
  }

  reset(): void {
    this.vote = [0, 0, 0];
    this.dissent = [0, 0, 0];
    this.endExcursion();
  }
}
