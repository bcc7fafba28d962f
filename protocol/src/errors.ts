/**
 * Why a payload was refused. Every decoder in this package returns one of these instead of
 * throwing, so the I/O layer can count drops by `code` and keep running.
 */
export const DECODE_ERROR_CODES = [
  'EMPTY',
  'TOO_LARGE',
  'TOO_SHORT',
  'BAD_MAGIC',
  'UNSUPPORTED_VERSION',
  'BAD_HEADER',
  'COUNT_TOO_LARGE',
  'LENGTH_MISMATCH',
  'NOT_FINITE',
  'BAD_JSON',
  'SCHEMA',
] as const;
export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

export interface DecodeError {
  code: DecodeErrorCode;
  /** Human-readable: names the field or byte offset that is wrong and what was expected. */
  message: string;
}

/** Result of every decoder: never throws on bad input. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

export const fail = (code: DecodeErrorCode, message: string): { ok: false; error: DecodeError } => ({
  ok: false,
  error: { code, message },
});

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Thrown by encoders when asked to encode something the wire cannot carry (a programming error). */
export class EncodeError extends Error {
  readonly code: DecodeErrorCode;
  constructor(code: DecodeErrorCode, message: string) {
    super(message);
    this.name = 'EncodeError';
    this.code = code;
  }
}
