import { type Decoded, EncodeError, fail, ok } from './errors.js';
import { PLACEMENTS, type Placement } from './vocabulary.js';

/**
 * A batch of IMU samples from one wearable, in physical units.
 * Wearables send 10–50 samples per message (not one message per sample) to keep MQTT overhead low.
 */
export interface ImuFrame {
  /** Where the sensor is worn. */
  placement: Placement;
  /** Nominal sample rate, Hz (1–1000). */
  sampleRateHz: number;
  /** Time of the first sample, ms since the Unix epoch (the wearable's clock). */
  t0Ms: number;
  /** Per-device frame counter (wraps at 2³²); a jump means frames were lost. */
  seq: number;
  /** Number of samples. */
  count: number;
  /** count × 3 interleaved x,y,z, m/s², gravity included. */
  acc: Float32Array;
  /** count × 3 interleaved x,y,z, rad/s; `null` when the wearable has no gyroscope. */
  gyro: Float32Array | null;
}

/** Format version of the binary frame; the decoder refuses any other. */
export const IMU_FRAME_VERSION = 1;
/** 'H','L' — lets a decoder tell a Haltung frame from garbage at once. */
const MAGIC_0 = 0x48;
const MAGIC_1 = 0x4c;
export const IMU_HEADER_BYTES = 32;
const BYTES_PER_SAMPLE = 12;
/** Upper bound on samples per frame: 4 s at 250 Hz. Bigger frames are refused, not buffered. */
export const MAX_SAMPLES_PER_FRAME = 1000;
export const MAX_IMU_FRAME_BYTES = IMU_HEADER_BYTES + MAX_SAMPLES_PER_FRAME * BYTES_PER_SAMPLE;
const FLAG_GYRO = 1;

/** Default quantisation: ±16 g in int16 (≈ 4.8 mg/LSB) and ±2000 °/s (≈ 0.061 °/s/LSB). */
export const DEFAULT_ACC_SCALE = (16 * 9.80665) / 32767;
export const DEFAULT_GYRO_SCALE = (2000 * Math.PI) / 180 / 32767;

export interface EncodeOptions {
  /** m/s² per LSB. */
  accScale?: number;
  /** rad/s per LSB. */
  gyroScale?: number;
}

/**
 * Binary layout (little-endian), header 32 bytes:
 * `0` magic 'H' · `1` magic 'L' · `2` version u8 · `3` flags u8 (bit 0: gyro present) · `4` placement u8
 * (index into PLACEMENTS) · `5` reserved · `6` count u16 · `8` sampleRateHz f32 · `12` accScale f32
 * (m/s²/LSB) · `16` gyroScale f32 (rad/s/LSB) · `20` t0Ms f64 · `28` seq u32;
 * then `count` samples of int16 ax ay az gx gy gz (gyro fields 0 when absent).
 * Values beyond the int16 range saturate, as a real sensor's would.
 */
export function encodeImuFrame(frame: ImuFrame, options: EncodeOptions = {}): Uint8Array {
  const accScale = Math.fround(options.accScale ?? DEFAULT_ACC_SCALE);
  const gyroScale = Math.fround(options.gyroScale ?? DEFAULT_GYRO_SCALE);
  const headerError = checkHeader(frame.count, frame.sampleRateHz, accScale, gyroScale, frame.t0Ms);
  if (headerError) throw new EncodeError('BAD_HEADER', headerError);
  const placementIndex = PLACEMENTS.indexOf(frame.placement);
  if (placementIndex < 0) throw new EncodeError('BAD_HEADER', `unknown placement ${frame.placement}`);
  if (frame.acc.length !== frame.count * 3) {
    throw new EncodeError(
      'LENGTH_MISMATCH',
      `acc has ${frame.acc.length} values, expected ${frame.count * 3}`,
    );
  }
  if (frame.gyro && frame.gyro.length !== frame.count * 3) {
    throw new EncodeError(
      'LENGTH_MISMATCH',
      `gyro has ${frame.gyro.length} values, expected ${frame.count * 3}`,
    );
  }
  const bytes = new Uint8Array(IMU_HEADER_BYTES + frame.count * BYTES_PER_SAMPLE);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, MAGIC_0);
  view.setUint8(1, MAGIC_1);
  view.setUint8(2, IMU_FRAME_VERSION);
  view.setUint8(3, frame.gyro ? FLAG_GYRO : 0);
  view.setUint8(4, placementIndex);
  view.setUint16(6, frame.count, true);
  view.setFloat32(8, frame.sampleRateHz, true);
  view.setFloat32(12, accScale, true);
  view.setFloat32(16, gyroScale, true);
  view.setFloat64(20, frame.t0Ms, true);
  view.setUint32(28, frame.seq >>> 0, true);
  let offset = IMU_HEADER_BYTES;
  for (let i = 0; i < frame.count; i++) {
    for (let axis = 0; axis < 3; axis++) {
      view.setInt16(offset, quantise(frame.acc[i * 3 + axis] as number, accScale, i, 'acc'), true);
      offset += 2;
    }
    for (let axis = 0; axis < 3; axis++) {
      const g = frame.gyro ? (frame.gyro[i * 3 + axis] as number) : 0;
      view.setInt16(offset, quantise(g, gyroScale, i, 'gyro'), true);
      offset += 2;
    }
  }
  return bytes;
}

/** Decodes a binary frame; never throws. */
export function decodeImuFrame(input: Uint8Array): Decoded<ImuFrame> {
  if (input.byteLength === 0) return fail('EMPTY', 'empty payload');
  if (input.byteLength > MAX_IMU_FRAME_BYTES) {
    return fail('TOO_LARGE', `frame is ${input.byteLength} bytes, the limit is ${MAX_IMU_FRAME_BYTES}`);
  }
  if (input.byteLength < IMU_HEADER_BYTES) {
    return fail('TOO_SHORT', `frame is ${input.byteLength} bytes, the header alone is ${IMU_HEADER_BYTES}`);
  }
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (view.getUint8(0) !== MAGIC_0 || view.getUint8(1) !== MAGIC_1) {
    return fail('BAD_MAGIC', 'bytes 0–1 are not "HL": not a Haltung IMU frame');
  }
  const version = view.getUint8(2);
  if (version !== IMU_FRAME_VERSION) {
    return fail('UNSUPPORTED_VERSION', `frame version ${version}, this decoder reads ${IMU_FRAME_VERSION}`);
  }
  const flags = view.getUint8(3);
  const placement = PLACEMENTS[view.getUint8(4)];
  if (placement === undefined) return fail('BAD_HEADER', `placement index ${view.getUint8(4)} is unknown`);
  const count = view.getUint16(6, true);
  const sampleRateHz = view.getFloat32(8, true);
  const accScale = view.getFloat32(12, true);
  const gyroScale = view.getFloat32(16, true);
  const t0Ms = view.getFloat64(20, true);
  const seq = view.getUint32(28, true);
  if (count > MAX_SAMPLES_PER_FRAME) {
    return fail('COUNT_TOO_LARGE', `count ${count} exceeds ${MAX_SAMPLES_PER_FRAME} samples per frame`);
  }
  const headerError = checkHeader(count, sampleRateHz, accScale, gyroScale, t0Ms);
  if (headerError) {
    return fail(
      Number.isFinite(sampleRateHz + accScale + gyroScale + t0Ms) ? 'BAD_HEADER' : 'NOT_FINITE',
      headerError,
    );
  }
  const expected = IMU_HEADER_BYTES + count * BYTES_PER_SAMPLE;
  if (input.byteLength !== expected) {
    return fail(
      input.byteLength < expected ? 'TOO_SHORT' : 'LENGTH_MISMATCH',
      `header says ${count} samples (${expected} bytes), payload has ${input.byteLength} bytes`,
    );
  }
  const hasGyro = (flags & FLAG_GYRO) !== 0;
  const acc = new Float32Array(count * 3);
  const gyro = hasGyro ? new Float32Array(count * 3) : null;
  let offset = IMU_HEADER_BYTES;
  for (let i = 0; i < count; i++) {
    for (let axis = 0; axis < 3; axis++) {
      acc[i * 3 + axis] = view.getInt16(offset, true) * accScale;
      offset += 2;
    }
    for (let axis = 0; axis < 3; axis++) {
      if (gyro) gyro[i * 3 + axis] = view.getInt16(offset, true) * gyroScale;
      offset += 2;
    }
  }
  return ok({ placement, sampleRateHz, t0Ms, seq, count, acc, gyro });
}

function checkHeader(
  count: number,
  sampleRateHz: number,
  accScale: number,
  gyroScale: number,
  t0Ms: number,
): string | null {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SAMPLES_PER_FRAME) {
    return `count ${count} is not an integer in 1..${MAX_SAMPLES_PER_FRAME}`;
  }
  if (!Number.isFinite(sampleRateHz) || sampleRateHz < 1 || sampleRateHz > 1000) {
    return `sampleRateHz ${sampleRateHz} is not in 1..1000`;
  }
  if (!Number.isFinite(accScale) || accScale <= 0) return `accScale ${accScale} is not a positive number`;
  if (!Number.isFinite(gyroScale) || gyroScale <= 0) return `gyroScale ${gyroScale} is not a positive number`;
  if (!Number.isFinite(t0Ms) || t0Ms < 0) return `t0Ms ${t0Ms} is not a finite, non-negative time`;
  return null;
}

function quantise(value: number, scale: number, sample: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new EncodeError('NOT_FINITE', `${what} of sample ${sample} is ${value}`);
  }
  return Math.max(-32768, Math.min(32767, Math.round(value / scale)));
}
