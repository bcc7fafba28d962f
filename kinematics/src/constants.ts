/**
 * The canonical sample rate, Hz. Every stream is resampled to it before filters, windows and
 * features, so models trained on 50 Hz lab data run unchanged on a 20 Hz or 200 Hz wearable.
 * 25 Hz keeps posture and gait content (steps ≤ 3 Hz, lifts ≤ 2 Hz) well below Nyquist (12.5 Hz)
 * while costing the edge a quarter of 100 Hz.
 */
export const CANONICAL_RATE_HZ = 25;

/** The canonical sample period, ms (exactly 40). Grid times are integer multiples of it. */
export const CANONICAL_PERIOD_MS = 1000 / CANONICAL_RATE_HZ;

/** A time gap longer than this (ms) between input samples restarts the stream (a new segment). */
export const MAX_GAP_MS = 500;

/** Default feature window: 50 canonical samples (2 s). */
export const DEFAULT_WINDOW_SAMPLES = 50;

/** Default hop between windows: 10 canonical samples (0.4 s), so a posture change shows within 0.4 s. */
export const DEFAULT_HOP_SAMPLES = 10;
