import { POSTURE_CLASSES, type PostureClass } from '@haltung/protocol';

/** Format of metadata.json; a loader refuses any other. */
export const METADATA_FORMAT_VERSION = 1;

/**
 * What a shipped posture model needs besides its weights (models/artifacts/posture/metadata.json).
 * The edge must feed features computed exactly like training did: same names in the same order,
 * the same window and hop, resampled to the same canonical rate.
 */
export interface PostureModelMetadata {
  formatVersion: typeof METADATA_FORMAT_VERSION;
  /** Model version (semver); bump on every retrain that ships. */
  version: string;
  /** ISO 8601 time of training. */
  createdAt: string;
  /** Output order of the model's softmax. */
  classes: PostureClass[];
  /** Input order: `@haltung/kinematics` FEATURE_NAMES at training time. */
  featureNames: string[];
  /** Window length, seconds. */
  windowS: number;
  /** Hop between window starts, seconds. */
  hopS: number;
  /** Sample rate every recording is resampled to before features, Hz. */
  canonicalRateHz: number;
  /** Time constant of the causal probability smoothing the model was evaluated with, s (PostureSmoother). */
  smoothingS: number;
  /** z-score per feature: x' = (x - mean) / std, applied by the runtime. */
  normalisation: { mean: number[]; std: number[] };
  /** Free-form provenance: seed, data, sizes. */
  training: Record<string, unknown>;
}

/** Checks a parsed metadata.json; returns the list of problems (empty when valid). */
export function validateMetadata(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) return ['metadata is not a JSON object'];
  const m = value as Record<string, unknown>;
  if (m.formatVersion !== METADATA_FORMAT_VERSION) {
    problems.push(`formatVersion must be ${METADATA_FORMAT_VERSION}, got ${String(m.formatVersion)}`);
  }
  if (typeof m.version !== 'string') problems.push('version must be a string');
  const classes = m.classes;
  if (!Array.isArray(classes) || classes.length < 2) problems.push('classes must list at least 2 classes');
  else {
    for (const c of classes) {
      if (!POSTURE_CLASSES.includes(c as PostureClass)) problems.push(`unknown class ${JSON.stringify(c)}`);
    }
  }
  const names = m.featureNames;
  const nFeatures = Array.isArray(names) ? names.length : 0;
  if (!Array.isArray(names) || nFeatures === 0 || names.some((n) => typeof n !== 'string')) {
    problems.push('featureNames must be a non-empty list of strings');
  }
  for (const key of ['windowS', 'hopS', 'canonicalRateHz'] as const) {
    const v = m[key];
    if (typeof v !== 'number' || !(v > 0)) problems.push(`${key} must be a positive number`);
  }
  if (typeof m.smoothingS !== 'number' || !(m.smoothingS >= 0))
    problems.push('smoothingS must be a number ≥ 0');
  const norm = m.normalisation as { mean?: unknown; std?: unknown } | undefined;
  const okVector = (v: unknown, positive: boolean) =>
    Array.isArray(v) &&
    v.length === nFeatures &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x) && (!positive || x > 0));
  if (!norm || !okVector(norm.mean, false) || !okVector(norm.std, true)) {
    problems.push(`normalisation must hold mean and positive std with ${nFeatures} finite numbers each`);
  }
  return problems;
}
