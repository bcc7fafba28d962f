import * as tf from '@tensorflow/tfjs';

/**
 * One model whose output is the mean of the members' softmax outputs, rebuilt from plain Dense and
 * Average layers with the members' weights copied in (so model.json stays a graph of stock layers
 * that `tf.loadLayersModel` reads, with no nested models). The members may be disposed afterwards;
 * a single network needs no averaging and is used as it is.
 */
export function averageModels(members: readonly tf.Sequential[], inputs: number): tf.LayersModel {
  if (members.length < 2) throw new Error(`averageModels: needs two members or more, got ${members.length}`);
  const input = tf.input({ shape: [inputs] });
  const copies: Array<[tf.layers.Layer, tf.Tensor[]]> = [];
  const outputs = members.map((member, m) => {
    let x = input;
    member.layers.forEach((layer, l) => {
      const config = layer.getConfig();
      const dense = tf.layers.dense({
        units: config.units as number,
        activation: config.activation as 'relu' | 'softmax',
        useBias: config.use_bias as boolean,
        name: `member${m}_dense${l}`,
      });
      x = dense.apply(x) as tf.SymbolicTensor;
      copies.push([dense, layer.getWeights()]);
    });
    return x;
  });
  const output = tf.layers.average({ name: 'mean' }).apply(outputs) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  for (const [layer, weights] of copies) layer.setWeights(weights);
  return model;
}
