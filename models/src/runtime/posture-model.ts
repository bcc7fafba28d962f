import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PostureClass } from '@haltung/protocol';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, type BackendPreference, selectBackend } from './backend.js';
import { fileLoadHandler } from './file-io.js';
import { type PostureModelMetadata, validateMetadata } from './model-metadata.js';

/** Where the shipped posture model lives (models/artifacts/posture). */
export const DEFAULT_POSTURE_MODEL_DIR = resolve(import.meta.dirname, '../../artifacts/posture');

/** One window's classification. */
export interface PosturePrediction {
  /** Most probable class. */
  class: PostureClass;
  /** Its softmax probability, 0..1. */
  confidence: number;
  /** Softmax over `metadata.classes`, in that order. */
  probabilities: Float32Array;
}

/** A loaded posture model. Not thread-safe; one per process is plenty. */
export interface PostureModel {
  readonly metadata: PostureModelMetadata;
  /** The TF.js backend it runs on. */
  readonly backend: BackendName;
  /**
   * Classifies many windows in one call. `features` holds the raw (un-normalised) feature vectors
   * in `metadata.featureNames` order: either one array per window or one row-major Float32Array of
   * n × featureNames.length. Non-finite features are treated as the training mean.
   */
  predict(features: Float32Array | readonly ArrayLike<number>[]): PosturePrediction[];
  /** Like `predict`, returning the n × classes softmax matrix row-major. */
  predictProbabilities(features: Float32Array | readonly ArrayLike<number>[]): Float32Array;
  /** Frees the weights; the model is unusable afterwards. */
  dispose(): void;
}

export interface LoadPostureModelOptions {
  /** Default `auto`: tfjs-node if installed, else wasm, else cpu. */
  backend?: BackendPreference;
  /**
   * The feature names the caller will compute (normally kinematics' FEATURE_NAMES). Loading fails
   * if they differ from the model's, so a feature change can never silently feed the wrong inputs.
   */
  expectFeatureNames?: readonly string[];
}

/** Reads and checks `dir`/metadata.json; the error names the file and what is wrong with it. */
export async function readPostureMetadata(dir: string): Promise<PostureModelMetadata> {
  const metadataPath = join(dir, 'metadata.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(metadataPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${metadataPath}: ${(error as Error).message}`, { cause: error });
  }
  const problems = validateMetadata(raw);
  if (problems.length > 0) throw new Error(`invalid ${metadataPath}: ${problems.join('; ')}`);
  return raw as PostureModelMetadata;
}

/** Loads model.json + weights + metadata.json from `dir` (no network), on the selected backend. */
export async function loadPostureModel(
  dir: string = DEFAULT_POSTURE_MODEL_DIR,
  options: LoadPostureModelOptions = {},
): Promise<PostureModel> {
  const metadata = await readPostureMetadata(dir);
  const expected = options.expectFeatureNames;
  if (expected && expected.join(',') !== metadata.featureNames.join(',')) {
    throw new Error(
      `model in ${dir} was trained on features [${metadata.featureNames.join(', ')}] ` +
        `but the caller computes [${expected.join(', ')}]; retrain with npm run train`,
    );
  }
  const backend = await selectBackend(options.backend ?? 'auto');
  const layers = await tf.loadLayersModel(fileLoadHandler(dir));
  const nIn = layers.inputs[0]?.shape.at(-1);
  const nOut = (layers.outputs[0]?.shape.at(-1) as number | undefined) ?? 0;
  if (nIn !== metadata.featureNames.length || nOut !== metadata.classes.length) {
    layers.dispose();
    throw new Error(
      `model in ${dir} takes ${nIn} inputs and gives ${nOut} outputs, but metadata.json lists ` +
        `${metadata.featureNames.length} features and ${metadata.classes.length} classes`,
    );
  }
  return new LayersPostureModel(metadata, backend, layers);
}

class LayersPostureModel implements PostureModel {
  private readonly mean: Float32Array;
  private readonly invStd: Float32Array;

  constructor(
    readonly metadata: PostureModelMetadata,
    readonly backend: BackendName,
    private readonly layers: tf.LayersModel,
  ) {
    this.mean = Float32Array.from(metadata.normalisation.mean);
    this.invStd = Float32Array.from(metadata.normalisation.std, (s) => 1 / s);
  }

  predictProbabilities(features: Float32Array | readonly ArrayLike<number>[]): Float32Array {
    const d = this.mean.length;
    const n = features instanceof Float32Array ? features.length / d : features.length;
    if (!Number.isInteger(n)) {
      throw new Error(`feature matrix of ${features.length} values is not a multiple of ${d} features`);
    }
    if (n === 0) return new Float32Array(0);
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const row = features instanceof Float32Array ? features.subarray(i * d, (i + 1) * d) : features[i];
      if (!row || row.length !== d)
        throw new Error(`window ${i} has ${row?.length ?? 0} features, expected ${d}`);
      for (let j = 0; j < d; j++) {
        const v = row[j] as number;
        // A missing feature (e.g. no gyroscope) becomes the mean, i.e. 0 after normalisation.
        x[i * d + j] = Number.isFinite(v) ? (v - (this.mean[j] as number)) * (this.invStd[j] as number) : 0;
      }
    }
    // One batch for the whole call: predict's default batch of 32 would cost 15× more per window.
    const out = tf.tidy(() => this.layers.predict(tf.tensor2d(x, [n, d]), { batchSize: n }) as tf.Tensor);
    try {
      return out.dataSync() as Float32Array;
    } finally {
      out.dispose();
    }
  }

  predict(features: Float32Array | readonly ArrayLike<number>[]): PosturePrediction[] {
    const k = this.metadata.classes.length;
    const probs = this.predictProbabilities(features);
    const result: PosturePrediction[] = [];
    for (let i = 0; i < probs.length / k; i++) {
      const p = probs.slice(i * k, (i + 1) * k);
      let best = 0;
      for (let c = 1; c < k; c++) if ((p[c] as number) > (p[best] as number)) best = c;
      result.push({
        class: this.metadata.classes[best] as PostureClass,
        confidence: p[best] as number,
        probabilities: p,
      });
    }
    return result;
  }

  dispose(): void {
    this.layers.dispose();
  }
}
