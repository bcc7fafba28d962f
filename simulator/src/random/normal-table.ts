/**
 * 2¹⁶ standard-normal quantiles, Φ⁻¹((i + ½) / 2¹⁶): drawing a uniform index gives normally
 * distributed values (tails cut at ±4.3σ) for the price of one table read. Used for sensor noise,
 * which needs many normals per sample.
 */
const SIZE = 1 << 16;
export const NORMAL_TABLE: Float32Array = (() => {
  const t = new Float32Array(SIZE);
  for (let i = 0; i < SIZE; i++) t[i] = inverseNormalCdf((i + 0.5) / SIZE);
  return t;
})();

/** Acklam's rational approximation of Φ⁻¹ (relative error < 1.2e-9), p in (0, 1). */
export function inverseNormalCdf(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((s, v) => s * x + v, 0);
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
