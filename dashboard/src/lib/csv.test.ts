// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('CSV export', () => {
  it('writes a suppressed cell as empty with its reason, never as 0', () => {
    const csv = toCsv(
      ['zone', 'rate'],
      [
        ['goods-in', { suppressed: false, value: 1.5 }],
        ['packing', { suppressed: true, reason: 'below_k' }],
      ],
    );
    expect(csv).toBe('zone,rate,rate_suppressed\r\ngoods-in,1.5,\r\npacking,,below_k\r\n');
  });

  it('quotes separators and defuses spreadsheet formulas', () => {
    const csv = toCsv(
      ['zone', 'note'],
      [
        ['a,b', '=HYPERLINK("x")'],
        ['c', -2],
      ],
    );
    expect(csv.split('\r\n')[1]).toBe('"a,b","\'=HYPERLINK(""x"")"');
    expect(csv.split('\r\n')[2]).toBe('c,-2');
  });
});
