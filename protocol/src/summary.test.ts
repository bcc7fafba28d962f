import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSummary, encodeSummary, type Summary } from './summary.js';

function validSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    v: 1,
    msgId: randomUUID(),
    siteId: 'plant-bremen',
    zoneId: 'goods-in',
    bucketStartMs: 1_764_000_000_000 - (1_764_000_000_000 % 900_000),
    bucketSeconds: 900,
    observedSeconds: 840,
    postureSeconds: { standing: 400, walking: 300, stooping: 100 },
    exposureSeconds: { trunk_20_45: 120, trunk_over_60: 30 },
    hazards: { trunk_flexion_held: { warning: 2, high: 0 }, lift_stooped: { warning: 1, high: 1 } },
    lifts: { total: 12, stooped: 3 },
    acks: 1,
    snoozes: 0,
    modelVersion: '1.0.0',
    ...overrides,
  };
}

const code = (v: unknown) => {
  const r = decodeSummary(typeof v === 'string' ? v : JSON.stringify(v));
  return r.ok ? 'ok' : r.error.code;
};

describe('anonymous summary', () => {
  it('round-trips through its JSON encoding', () => {
    const s = validSummary();
    const r = decodeSummary(new TextEncoder().encode(encodeSummary(s)));
    expect(r.ok && r.value).toEqual(s);
  });

  it.each(['deviceId', 'workerId', 'device', 'mac', 'name', 'phone', 'personId', 'userId', 'ip', 'serial'])(
    'refuses a summary carrying %s (anything that could identify a device or person)',
    (key) => {
      const r = decodeSummary({ ...validSummary(), [key]: 'a4:c1:38:00:11:22' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.message).toContain(key);
    },
  );

  it('refuses identifiers smuggled into nested objects or used as ids', () => {
    expect(code({ ...validSummary(), lifts: { total: 1, stooped: 0, deviceId: 'x' } })).toBe('SCHEMA');
    expect(code({ ...validSummary(), hazards: { worker_17: { warning: 1, high: 0 } } })).toBe('SCHEMA');
    expect(code({ ...validSummary(), zoneId: 'a4:c1:38:00:11:22' })).toBe('SCHEMA');
    expect(code({ ...validSummary(), msgId: 'device-17' })).toBe('SCHEMA');
  });

  it('refuses buckets finer than 5 minutes or not aligned to their length', () => {
    expect(
      code(
        validSummary({ bucketSeconds: 60, bucketStartMs: 1_764_000_000_000 - (1_764_000_000_000 % 60_000) }),
      ),
    ).toBe('SCHEMA');
    expect(code(validSummary({ bucketStartMs: validSummary().bucketStartMs + 1000 }))).toBe('SCHEMA');
  });

  it('refuses inconsistent numbers: NaN, negatives, more time than observed, more stooped lifts than lifts', () => {
    expect(code('{"v":1,"observedSeconds":NaN}')).toBe('BAD_JSON');
    expect(code(validSummary({ observedSeconds: -1 }))).toBe('SCHEMA');
    expect(code(validSummary({ observedSeconds: 100 }))).toBe('SCHEMA');
    expect(code(validSummary({ lifts: { total: 1, stooped: 2 } }))).toBe('SCHEMA');
    expect(code(validSummary({ acks: 1.5 }))).toBe('SCHEMA');
  });

  it('refuses empty, oversized and non-JSON payloads with a reason', () => {
    expect(code('')).toBe('EMPTY');
    expect(code('x'.repeat(9000))).toBe('TOO_LARGE');
    expect(code('not json')).toBe('BAD_JSON');
    expect(code({ ...validSummary(), v: 2 })).toBe('SCHEMA');
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (s) => {
        expect(typeof decodeSummary(s).ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(decodeSummary(v).ok).toBe(false);
      }),
    );
  });
});
