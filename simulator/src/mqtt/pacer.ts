import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps simulated time in step with the wall clock at `speed`× (1 = real time; Infinity = as fast
 * as possible). Never runs ahead; when behind (a slow machine) it does not sleep, so it catches up.
 */
export class Pacer {
  private readonly wallStartMs = performance.now();

  constructor(readonly speed: number) {
    if (!(speed > 0)) throw new Error(`speed ${speed} must be > 0`);
  }

  /** Waits until the wall clock has reached simulated `elapsedMs` / speed. */
  async waitFor(elapsedMs: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(this.speed)) return;
    const dueMs = this.wallStartMs + elapsedMs / this.speed;
    const waitMs = dueMs - performance.now();
    if (waitMs > 1) await sleep(waitMs, undefined, { signal }).catch(() => {});
  }

  /** How far simulated time `elapsedMs` trails the wall clock, in wall ms (0 when on time). */
  lagMs(elapsedMs: number): number {
    if (!Number.isFinite(this.speed)) return 0;
    return Math.max(0, performance.now() - this.wallStartMs - elapsedMs / this.speed);
  }

  /** Simulated ms elapsed by now at this speed (for stamping what arrives in between). */
  elapsedMs(): number {
    return (performance.now() - this.wallStartMs) * this.speed;
  }
}
