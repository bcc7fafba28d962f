import { createHmac, randomBytes } from 'node:crypto';

/**
 * Discrete Laplace noise from a keyed cryptographic PRF (HMAC-SHA-256). The same published figure
 * (same key) always gets the same noise, so asking again and averaging does not wear it away.
 */
export class NoiseSource {
  private readonly secret: Buffer;

  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  /**
   * An integer with P(x) ∝ exp(−|x| / scale): the difference of two geometric variables
   * (Inusah & Kozubowski). `scale` = sensitivity / ε.
   */
  discreteLaplace(key: string, scale: number): number {
    if (!(scale > 0)) return 0;
    return this.geometric(`${key}|a`, scale) - this.geometric(`${key}|b`, scale);
  }

  /** Geometric on {0, 1, …} with P(n) ∝ exp(−n / scale), by inversion of a uniform in (0, 1]. */
  private geometric(key: string, scale: number): number {
    const u = this.uniform(key);
    return Math.floor(-scale * Math.log(u));
  }

  /** Uniform in (0, 1] from 52 bits of HMAC(secret, key). */
  uniform(key: string): number {
    const digest = createHmac('sha256', this.secret).update(key).digest();
    const hi = digest.readUInt32BE(0) & 0xfffff;
    const lo = digest.readUInt32BE(4);
    return (hi * 2 ** 32 + lo + 1) / 2 ** 52;
  }
}
