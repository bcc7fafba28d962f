import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CANONICAL_RATE_HZ,
  DEFAULT_HOP_SAMPLES,
  DEFAULT_WINDOW_SAMPLES,
  MODEL_FEATURE_NAMES,
} from '@haltung/kinematics';
import { fileSaveHandler } from '../runtime/file-io.js';
import { METADATA_FORMAT_VERSION, type PostureModelMetadata } from '../runtime/model-metadata.js';
import { weightBytes } from './mlp.js';
import { modelCard } from './model-card.js';
import type { TrainingResult } from './run-training.js';

/** Writes model.json, weights.bin, metadata.json, report.json and MODEL_CARD.md into `dir`. */
export async function writeArtifacts(
  result: TrainingResult,
  dir: string,
  version: string,
  smoothingS: number,
): Promise<PostureModelMetadata> {
  await mkdir(dir, { recursive: true });
  await result.trained.model.save(fileSaveHandler(dir));
  const metadata: PostureModelMetadata = {
    formatVersion: METADATA_FORMAT_VERSION,
    version,
    createdAt: new Date().toISOString(),
    classes: [...result.classes],
    featureNames: [...MODEL_FEATURE_NAMES],
    windowS: DEFAULT_WINDOW_SAMPLES / CANONICAL_RATE_HZ,
    hopS: DEFAULT_HOP_SAMPLES / CANONICAL_RATE_HZ,
    canonicalRateHz: CANONICAL_RATE_HZ,
    smoothingS,
    normalisation: result.trained.norm,
    training: {
      seed: result.report.seed,
      hidden: result.config.hidden,
      members: result.config.members ?? 1,
      epochs: result.config.epochs,
      rowsPerEpoch: result.config.rowsPerEpoch,
      trainingRows: result.trained.rows,
      haptCrossValidationMacroF1: result.report.haptCrossValidation.model.macroF1,
      simulatedHeldOutMacroF1: result.report.simulatedHeldOut.body.macroF1,
    },
  };
  await writeFile(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
  const bytes = weightBytes(result.trained.model);
  await writeFile(join(dir, 'MODEL_CARD.md'), modelCard(result, metadata, bytes));
  return metadata;
}
