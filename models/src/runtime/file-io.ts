import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** Weight file name used when saving; model.json lists it, so loading accepts any name. */
const WEIGHTS_FILE = 'weights.bin';

interface ModelJson {
  modelTopology: tf.io.ModelArtifacts['modelTopology'];
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/**
 * An IOHandler that reads a TF.js layers model (model.json + weight shards) from a local folder.
 * `@tensorflow/tfjs` alone has no file:// loader in Node (that lives in tfjs-node), and the edge must
 * load without network, so this reads the files itself.
 */
export function fileLoadHandler(dir: string): tf.io.IOHandler {
  return {
    load: async () => {
      const modelPath = join(dir, 'model.json');
      let json: ModelJson;
      try {
        json = JSON.parse(await readFile(modelPath, 'utf8')) as ModelJson;
      } catch (error) {
        throw new Error(`cannot read model ${modelPath}: ${(error as Error).message}`, { cause: error });
      }
      if (!json.modelTopology || !Array.isArray(json.weightsManifest)) {
        throw new Error(`${modelPath} is not a TF.js layers model (no modelTopology or weightsManifest)`);
      }
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const path of group.paths) buffers.push(await readFile(join(dir, path)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return {
        modelTopology: json.modelTopology,
        weightSpecs: specs,
        weightData,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? null,
      };
    },
  };
}

/** An IOHandler that writes model.json and one weights.bin into `dir` (created if missing). */
export function fileSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    await mkdir(dir, { recursive: true });
    const data = artifacts.weightData;
    const bytes = data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data ?? []);
    const modelJson: ModelJson = {
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
    };
    await writeFile(join(dir, 'model.json'), `${JSON.stringify(modelJson)}\n`);
    await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(bytes));
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        weightDataBytes: bytes.byteLength,
      },
    };
  });
}
