const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses the decimal number in s[a, b), NaN if it is not one. Plain decimals of up to 15 digits
 * are read from the character codes: an exact integer divided by an exact power of ten is the
 * correctly rounded value, the same as Number(). Anything else (exponents, long numbers) goes
 * through a strict check and Number().
 */
export function parseDecimal(s: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  if (i < b && s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let v = 0;
  let digits = 0;
  let frac = 0;
  for (; i < b; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  if (i < b && s.charCodeAt(i) === 46) {
    for (i++; i < b; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
      digits++;
      frac++;
    }
  }
  if (i === b && digits > 0 && digits <= 15) return (neg ? -v : v) / (POW10[frac] as number);
  const text = s.slice(a, b);
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}
