import { add, dot, norm, normalize, scale, sub, type Vec3 } from '../math/vec3.js';

/** Walking needed before the gait tells the forward axis, s (decayed sum, see `MEMORY_S`). */
const MIN_WALK_S = 8;
/** Walking summed into one vote, s (a few steps: one kind of walking, level or stairs). */
const CHUNK_S = 2;
/** A chunk votes if its covariance, as a correlation along its jerk sum, is at least this. */
const MIN_CHUNK_AGREEMENT = 0.1;
/** The votes must add up to this share of their summed lengths (1: all one way). */
const MIN_CONSISTENCY = 0.3;
/** The estimate follows a re-clipped sensor with this time constant, s of walking. */
const MEMORY_S = 60;
/** Time constant of the means the swings are taken about, s (a few steps). */
const MEAN_S = 2;

/**
 * The wearer's forward axis from the steps, sign included. Walking vaults the body over the stance
 * leg like an inverted pendulum, so the forward acceleration swings with the vertical one, and the
 * sideways sway (at half the step rate) does not. Two sums over a chunk of 2 s of walking, checked
 * on the UCI HAPT waist phones (39 recordings with walking and lying, 25 Hz, against the direction
 * the belly faces when lying on the back):
 * - horizontal acceleration × vertical jerk points forward most precisely on level walking and
 *   stairs up (cosine median 0.99, lowest 0.83 over a recording's level walking), but backwards on
 *   stairs down (38 of 39 recordings);
 * - horizontal × vertical acceleration points backwards on all three, but less surely (level walking
 *   alone: 32 of 39).
 * So a chunk votes with its jerk sum only where the two agree: stairs down drop out, whatever the
 * mix of walking. Bends (`ForwardAxisEstimator`) need the wearer to stoop, and a seated pelvis rolls
 * back as far as a stoop tilts it forward; steps need neither.
 */
export class GaitForwardAxis {
  private votes: Vec3 = [0, 0, 0];
  /** Summed lengths of the votes, decayed like them: how consistently they point one way. */
  private voteLength = 0;
  private walkS = 0;
  // The chunk going on: its jerk sum, its covariance and their normalisers.
  private jerkSum: Vec3 = [0, 0, 0];
  private covSum: Vec3 = [0, 0, 0];
  private h2 = 0;
  private a2 = 0;
  private chunkS = 0;
  // Means of |acc| and of the horizontal acceleration over the last steps: both sums are of the
  // swings about them (a tilted reference leaks gravity into the horizontal, a sensor's scale error
  // into |acc|). They carry over from walk to walk; only the first seconds ever just settle them.
  private meanA = Number.NaN;
  private meanH: Vec3 = [0, 0, 0];
  private settleS = 0;
  // The last two swings of |acc| and the last horizontal swing (a central difference).
  private prevA = Number.NaN;
  private prevPrevA = Number.NaN;
  private prevH: Vec3 = [0, 0, 0];

  /** Feeds one walking sample: specific force (m/s², sensor frame), the upright direction, time step (s). */
  update(acc: Vec3, upright: Vec3, dtS: number): void {
    const a = norm(acc);
    const h = sub(acc, scale(upright, dot(acc, upright)));
    if (Number.isNaN(this.meanA)) {
      this.meanA = a;
      this.meanH = h;
    }
    const follow = 1 - Math.exp(-dtS / MEAN_S);
    this.meanA += follow * (a - this.meanA);
    this.meanH = add(this.meanH, scale(sub(h, this.meanH), follow));
    this.walkS = Math.exp(-dtS / MEMORY_S) * this.walkS + dtS;
    if (this.settleS < MEAN_S) {
      this.settleS += dtS;
      return;
    }
    const da = a - this.meanA;
    const dh = sub(h, this.meanH);
    this.covSum = add(this.covSum, scale(dh, -da * dtS));
    this.h2 += dot(dh, dh) * dtS;
    this.a2 += da * da * dtS;
    if (!Number.isNaN(this.prevPrevA)) {
      const jerk = (da - this.prevPrevA) / (2 * dtS);
      this.jerkSum = add(this.jerkSum, scale(this.prevH, jerk * dtS));
      this.chunkS += dtS;
      if (this.chunkS >= CHUNK_S) this.closeChunk();
    }
    this.prevPrevA = this.prevA;
    this.prevA = da;
    this.prevH = dh;
  }

  /** The steps stopped: the chunk ends here (the next walk may be stairs), if long enough to vote. */
  pause(): void {
    // Called for every sample between walks: nothing to do once the chunk is closed.
    if (this.chunkS === 0 && Number.isNaN(this.prevA)) return;
    if (this.chunkS >= CHUNK_S / 2) this.closeChunk();
    this.startChunk();
    this.prevA = Number.NaN;
    this.prevPrevA = Number.NaN;
  }

  /** The forward axis (unit, ⊥ `upright`), or null until enough consistent walking was seen. */
  forward(upright: Vec3): Vec3 | null {
    if (this.walkS < MIN_WALK_S || this.voteLength <= 0) return null;
    const v = sub(this.votes, scale(upright, dot(this.votes, upright)));
    return norm(v) >= MIN_CONSISTENCY * this.voteLength ? normalize(v) : null;
  }

  reset(): void {
    this.votes = [0, 0, 0];
    this.voteLength = 0;
    this.walkS = 0;
    this.meanA = Number.NaN;
    this.settleS = 0;
    // Not `pause()`: that lets the chunk going on vote, and a reset forgets it with the rest.
    this.startChunk();
    this.prevA = Number.NaN;
    this.prevPrevA = Number.NaN;
  }

  private closeChunk(): void {
    const keep = Math.exp(-this.chunkS / MEMORY_S);
    this.votes = scale(this.votes, keep);
    this.voteLength *= keep;
    const length = norm(this.jerkSum);
    const agreement =
      length > 0 ? dot(this.jerkSum, this.covSum) / (length * Math.sqrt(this.h2 * this.a2)) : 0;
    if (agreement >= MIN_CHUNK_AGREEMENT) {
      this.votes = add(this.votes, this.jerkSum);
      this.voteLength += length;
    }
    this.startChunk();
  }

  private startChunk(): void {
    this.jerkSum = [0, 0, 0];
    this.covSum = [0, 0, 0];
    this.h2 = 0;
    this.a2 = 0;
    this.chunkS = 0;
  }
}
