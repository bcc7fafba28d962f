import * as tf from '@tensorflow/tfjs';

/** Shape of the posture MLP. */
export interface MlpShape {
  inputs: number;
  hidden: readonly number[];
  outputs: number;
  /** L2 weight penalty on the hidden layers. */
  l2: number;
  /** Seeds the weight initialisers (reproducible training). */
  seed: number;
}

/**
 * A small dense network: z-scored features → ReLU layers → softmax. No dropout, because TF.js
 * dropout draws unseeded randomness and training must be reproducible; L2 regularises instead.
 */
export function buildMlp(shape: MlpShape): tf.Sequential {
  const model = tf.sequential();
  shape.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.heNormal({ seed: shape.seed + i }),
        kernelRegularizer: tf.regularizers.l2({ l2: shape.l2 }),
        ...(i === 0 && { inputShape: [shape.inputs] }),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: shape.outputs,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + 100 }),
    }),
  );
  return model;
}

/** Number of bytes the model's weights take as float32. */
export function weightBytes(model: tf.LayersModel): number {
  return model.countParams() * 4;
}
