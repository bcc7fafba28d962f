import { DECODE_ERROR_CODES, type DecodeErrorCode } from '@haltung/protocol';

/**
 * Why the agent dropped an incoming message. Decoder codes (lower-cased) say what was wrong with
 * the bytes; the rest are stream-level checks. Each is a label of `haltung_edge_drops_total`.
 */
export const STREAM_DROP_REASONS = [
  'bad_topic',
  'too_many_devices',
  'rate_limited',
  'time_backwards',
  'duplicate',
  'clock_skew',
  'late',
  'bad_control',
  'bad_zone',
  'internal_error',
  'bad_held_buckets',
] as const;

export const DROP_REASONS = [
  ...DECODE_ERROR_CODES.map((c) => c.toLowerCase() as Lowercase<DecodeErrorCode>),
  ...STREAM_DROP_REASONS,
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export const decodeDropReason = (code: DecodeErrorCode): DropReason => code.toLowerCase() as DropReason;
