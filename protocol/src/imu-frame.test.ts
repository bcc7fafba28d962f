import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodeError } from './errors.js';
import {
  DEFAULT_ACC_SCALE,
  DEFAULT_GYRO_SCALE,
  decodeImuFrame,
  encodeImuFrame,
  IMU_FRAME_VERSION,
  IMU_HEADER_BYTES,
  type ImuFrame,
  MAX_IMU_FRAME_BYTES,
  MAX_SAMPLES_PER_FRAME,
} from './imu-frame.js';
import { decodeImuFrameJson, imuFrameToJson } from './imu-frame-json.js';
import { decodeImuPayload } from './imu-payload.js';
import { PLACEMENTS } from './vocabulary.js';

const frameArb = fc.integer({ min: 1, max: 60 }).chain((count) =>
  fc.record({
    placement: fc.constantFrom(...PLACEMENTS),
    sampleRateHz: fc.constantFrom(20, 25, 50, 100, 200),
    t0Ms: fc.integer({ min: 0, max: 2 ** 45 }),
    seq: fc.integer({ min: 0, max: 0xffffffff }),
    count: fc.constant(count),
    acc: fc.float32Array({ minLength: count * 3, maxLength: count * 3, min: -150, max: 150, noNaN: true }),
    gyro: fc.option(
      fc.float32Array({ minLength: count * 3, maxLength: count * 3, min: -30, max: 30, noNaN: true }),
      { nil: null },
    ),
  }),
) as fc.Arbitrary<ImuFrame>;

function sampleFrame(count = 25, gyro = true): ImuFrame {
  const acc = new Float32Array(count * 3);
  const g = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) {
    acc.set([0.1 * i, -9.81, 0.5], i * 3);
    g.set([0.01 * i, 0, -0.2], i * 3);
  }
  return {
    placement: 'trunk',
    sampleRateHz: 50,
    t0Ms: 1_764_000_000_000,
    seq: 7,
    count,
    acc,
    gyro: gyro ? g : null,
  };
}

describe('binary IMU frame', () => {
  it('round-trips every header field exactly and samples within half a quantisation step', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const decoded = decodeImuFrame(encodeImuFrame(frame));
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        const d = decoded.value;
        expect([d.placement, d.sampleRateHz, d.t0Ms, d.seq, d.count]).toEqual([
          frame.placement,
          frame.sampleRateHz,
          frame.t0Ms,
          frame.seq,
          frame.count,
        ]);
        expect(d.gyro === null).toBe(frame.gyro === null);
        for (let i = 0; i < frame.acc.length; i++) {
          expect(Math.abs((d.acc[i] as number) - (frame.acc[i] as number))).toBeLessThanOrEqual(
            DEFAULT_ACC_SCALE,
          );
          if (frame.gyro && d.gyro) {
            expect(Math.abs((d.gyro[i] as number) - (frame.gyro[i] as number))).toBeLessThanOrEqual(
              DEFAULT_GYRO_SCALE * 0.5001,
            );
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is compact: 32 header bytes plus 12 bytes per sample', () => {
    expect(encodeImuFrame(sampleFrame(25)).byteLength).toBe(IMU_HEADER_BYTES + 25 * 12);
  });

  it('re-encoding a decoded frame gives the same bytes', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const bytes = encodeImuFrame(frame);
        const once = decodeImuFrame(bytes);
        if (!once.ok) throw new Error(once.error.message);
        expect(encodeImuFrame(once.value)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('saturates values beyond the int16 range like a real sensor', () => {
    const frame = sampleFrame(1);
    frame.acc[0] = 1e6;
    const d = decodeImuFrame(encodeImuFrame(frame));
    expect(d.ok && d.value.acc[0]).toBeCloseTo(32767 * DEFAULT_ACC_SCALE, 3);
  });

  it('refuses to encode NaN or a count that does not match the arrays', () => {
    const frame = sampleFrame(2);
    frame.acc[4] = Number.NaN;
    expect(() => encodeImuFrame(frame)).toThrow(EncodeError);
    expect(() => encodeImuFrame({ ...sampleFrame(2), count: 3 })).toThrow(/acc has 6 values, expected 9/);
  });
});

describe('decoding bad frames gives a typed error, never an exception', () => {
  const good = encodeImuFrame(sampleFrame(10));
  const patched = (write: (v: DataView) => void) => {
    const copy = good.slice();
    write(new DataView(copy.buffer));
    return decodeImuFrame(copy);
  };
  const code = (r: ReturnType<typeof decodeImuFrame>) => (r.ok ? 'ok' : r.error.code);

  it('names each class of malformed input', () => {
    expect(code(decodeImuFrame(new Uint8Array()))).toBe('EMPTY');
    expect(code(decodeImuFrame(good.subarray(0, 10)))).toBe('TOO_SHORT');
    expect(code(decodeImuFrame(good.subarray(0, good.length - 5)))).toBe('TOO_SHORT');
    expect(code(decodeImuFrame(new Uint8Array([...good, 1, 2])))).toBe('LENGTH_MISMATCH');
    expect(code(patched((v) => v.setUint8(0, 0x00)))).toBe('BAD_MAGIC');
    expect(code(patched((v) => v.setUint8(2, IMU_FRAME_VERSION + 1)))).toBe('UNSUPPORTED_VERSION');
    expect(code(patched((v) => v.setUint8(4, 99)))).toBe('BAD_HEADER');
    expect(code(patched((v) => v.setUint16(6, 60_000, true)))).toBe('COUNT_TOO_LARGE');
    expect(code(patched((v) => v.setFloat32(8, Number.NaN, true)))).toBe('NOT_FINITE');
    expect(code(patched((v) => v.setFloat64(20, Number.POSITIVE_INFINITY, true)))).toBe('NOT_FINITE');
    expect(code(patched((v) => v.setFloat32(8, 0, true)))).toBe('BAD_HEADER');
    expect(code(decodeImuFrame(new Uint8Array(MAX_IMU_FRAME_BYTES + 1)))).toBe('TOO_LARGE');
  });

  it('the error message says what is wrong', () => {
    const r = patched((v) => v.setUint8(2, 9));
    expect(!r.ok && r.error.message).toMatch(/version 9/);
    const t = decodeImuFrame(good.subarray(0, good.length - 12));
    expect(!t.ok && t.error.message).toMatch(/10 samples/);
  });

  it('arbitrary bytes never throw, whichever decoder gets them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = decodeImuPayload(bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('arbitrary bytes behind a valid header never throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (tail) => {
        const bytes = new Uint8Array([...good.subarray(0, 8), ...tail]);
        expect(typeof decodeImuFrame(bytes).ok).toBe('boolean');
      }),
    );
  });

  it(`accepts the largest allowed frame (${MAX_SAMPLES_PER_FRAME} samples)`, () => {
    const r = decodeImuFrame(encodeImuFrame(sampleFrame(MAX_SAMPLES_PER_FRAME)));
    expect(r.ok && r.value.count).toBe(MAX_SAMPLES_PER_FRAME);
  });
});

describe('JSON IMU frame for debugging', () => {
  it('round-trips through JSON text', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        const r = decodeImuFrameJson(JSON.stringify(imuFrameToJson(frame)));
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        // JSON has no negative zero, so compare values with -0 folded into 0.
        const plain = (a: Float32Array | null) => (a ? Array.from(a, (v) => v + 0) : null);
        expect(plain(r.value.acc)).toEqual(plain(frame.acc));
        expect(plain(r.value.gyro)).toEqual(plain(frame.gyro));
        expect(r.value.t0Ms).toBe(frame.t0Ms);
      }),
      { numRuns: 100 },
    );
  });

  it('is recognised on the imu topic by its leading brace', () => {
    const text = JSON.stringify(imuFrameToJson(sampleFrame(3, false)));
    const r = decodeImuPayload(new TextEncoder().encode(text));
    expect(r.ok && r.value.gyro).toBeNull();
  });

  it('rejects broken JSON, NaN, mixed rows, huge counts and unknown keys with a reason', () => {
    const base = imuFrameToJson(sampleFrame(2));
    const code = (v: unknown) => {
      const r = decodeImuFrameJson(typeof v === 'string' ? v : JSON.stringify(v));
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('{"v":1,')).toBe('BAD_JSON');
    expect(code('{"v":1,"samples":[[NaN,0,0]]}')).toBe('BAD_JSON');
    expect(
      code({
        ...base,
        samples: [
          [1, 2, 3],
          [1, 2, 3, 4, 5, 6],
        ],
      }),
    ).toBe('SCHEMA');
    expect(
      code({ ...base, samples: Array.from({ length: MAX_SAMPLES_PER_FRAME + 1 }, () => [0, 0, 9.8]) }),
    ).toBe('SCHEMA');
    expect(code({ ...base, v: 2 })).toBe('SCHEMA');
    expect(code({ ...base, deviceId: 'abc' })).toBe('SCHEMA');
  });
});
