import type { Cell, PrivacyNote } from '@haltung/protocol';
import type { BaseCell } from './base-cell.js';
import type { NoiseSource } from './noise.js';

export interface ProtectionSettings {
  k: number;
  bucketSeconds: number;
  epsilon: number | null;
  /** Most a device adds to one count per bucket (clipped at ingest): the count's sensitivity. */
  clipCount: number;
}

/** The parts of a roll-up that may be published, or why nothing of it may. */
export type Gate = { ok: true; parts: BaseCell[] } | { ok: false; cell: Cell };

/**
 * Applies the privacy rules to every figure the API publishes.
 *
 * k-anonymity: a stored (zone, bucket) cell with fewer than k contributors is suppressed, and it is
 * left out of **every** roll-up (coarser interval, hour of day, weekday, period). So every
 * published number is a sum of cells that are published themselves at the finest grain, and no
 * difference of published numbers can reveal a suppressed cell.
 *
 * Differential privacy (when ε is set): discrete Laplace noise, scale = sensitivity / ε, keyed by
 * the figure so repeated questions get the same noise. Protects one device's contribution to a bucket.
 */
export class Protector {
  constructor(
    readonly settings: ProtectionSettings,
    private readonly noise: NoiseSource,
  ) {}

  get note(): PrivacyNote {
    const { k, bucketSeconds, epsilon } = this.settings;
    return { k, bucketSeconds, epsilon };
  }

  /** Keeps the parts with ≥ k contributors; suppressed (below_k) when none is left. */
  gate(parts: BaseCell[]): Gate {
    const passing = parts.filter((p) => p.contributors >= this.settings.k);
    return passing.length > 0
      ? { ok: true, parts: passing }
      : { ok: false, cell: { suppressed: true, reason: 'below_k' } };
  }

  /** A count (warnings, lifts) with noise scaled to `sensitivity` per device and bucket. */
  count(value: number, key: string, sensitivity = this.settings.clipCount): number {
    return Math.max(0, value + this.noiseFor(key, sensitivity));
  }

  /** Seconds (observed time, exposure) with noise scaled to one device's bucket of time. */
  seconds(value: number, key: string): number {
    return Math.max(0, value + this.noiseFor(key, this.settings.bucketSeconds));
  }

  private noiseFor(key: string, sensitivity: number): number {
    const { epsilon } = this.settings;
    return epsilon === null ? 0 : this.noise.discreteLaplace(key, sensitivity / epsilon);
  }
}

export const shown = (value: number, decimals = 3): Cell => ({
  suppressed: false,
  value: Math.round(value * 10 ** decimals) / 10 ** decimals,
});

/** count / worker-hours, 0 when nobody was observed. */
export const ratePerHour = (count: number, hours: number): number => (hours > 0 ? count / hours : 0);
