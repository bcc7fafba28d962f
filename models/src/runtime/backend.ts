import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** TF.js backends Haltung can run on, fastest first: native (tfjs-node), WebAssembly, plain JS. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

// tfjs-node is optional and not a dependency: a variable specifier keeps TypeScript and bundlers
// from resolving it, and a failed import just means "not installed".
const TFJS_NODE = '@tensorflow/tfjs-node';

let wasmPathsSet = false;
/** The backend this module last made active (TF.js keeps one global backend). */
let active: BackendName | undefined;

/** Folder of the installed @tensorflow/tfjs-backend-wasm .wasm files, with a trailing slash. */
export function wasmDirectory(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`;
}

async function tryTensorflow(): Promise<boolean> {
  try {
    await import(TFJS_NODE);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    if (!wasmPathsSet) {
      // Node has no page URL to fetch the .wasm from; point the backend at the installed files.
      setWasmPaths(wasmDirectory());
      wasmPathsSet = true;
    }
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/**
 * Makes a TF.js backend active and returns its name. `auto` tries tfjs-node (if installed), then
 * wasm, then cpu; a named backend is used or the call fails with the reason. The backend is global
 * to the TF.js instance, so every model in the process shares it.
 */
export async function selectBackend(preference: BackendPreference = 'auto'): Promise<BackendName> {
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(preference)) {
    throw new Error(`unknown TF.js backend '${preference}' (use auto, tensorflow, wasm or cpu)`);
  }
  const order: BackendName[] = preference === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [preference];
  for (const name of order) {
    if (active === name && tf.getBackend() === name) return name;
    const ok =
      name === 'tensorflow'
        ? await tryTensorflow()
        : name === 'wasm'
          ? await tryWasm()
          : await tf.setBackend('cpu');
    if (ok) {
      await tf.ready();
      active = name;
      return name;
    }
  }
  throw new Error(
    `TF.js backend '${preference}' is not available` +
      (preference === 'tensorflow' ? ' (install @tensorflow/tfjs-node)' : ''),
  );
}
