import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  averagePooling2d,
  batchNormalization,
  conv2d,
  dense,
  globalAveragePooling2d,
  maxPooling2d,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

const bnRelu = (
  g: Graph,
  x: Tensor,
  name: string,
  bn = `${name}_bn`,
  relu = `${name}_relu`,
): Tensor =>
  activation(g, batchNormalization(g, x, { axis: 3, epsilon: 1.001e-5, name: bn }), 'relu', relu);

function convBlock(g: Graph, x: Tensor, growth: number, name: string): Tensor {
  let y = bnRelu(g, x, `${name}_0`);
  y = conv2d(g, y, 4 * growth, 1, { useBias: false, name: `${name}_1_conv` });
  y = bnRelu(g, y, `${name}_1`);
  y = conv2d(g, y, growth, 3, { padding: 'same', useBias: false, name: `${name}_2_conv` });
  return g.add(
    'Concatenate',
    { axis: 3 },
    [x, y],
    [...x.shape.slice(0, -1), (x.shape[2] ?? 0) + growth],
    `${name}_concat`,
  );
}

function transition(g: Graph, x: Tensor, name: string): Tensor {
  const y = bnRelu(g, x, name);
  const c = conv2d(g, y, Math.trunc((y.shape[2] ?? 0) * 0.5), 1, {
    useBias: false,
    name: `${name}_conv`,
  });
  return averagePooling2d(g, c, 2, { strides: 2, name: `${name}_pool` });
}

/** keras.applications.DenseNet121 (Huang et al., 2016). */
export function denseNet121(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('DenseNet121', options, 224, 32);
  const g = new Graph();
  let x = zeroPadding2d(g, g.input(o.inputShape), [
    [3, 3],
    [3, 3],
  ]);
  x = conv2d(g, x, 64, 7, { strides: 2, useBias: false, name: 'conv1/conv' });
  x = bnRelu(g, x, 'conv1', 'conv1/bn', 'conv1/relu');
  x = zeroPadding2d(g, x, [
    [1, 1],
    [1, 1],
  ]);
  x = maxPooling2d(g, x, 3, { strides: 2, name: 'pool1' });
  [6, 12, 24, 16].forEach((blocks, s) => {
    for (let i = 1; i <= blocks; i++) x = convBlock(g, x, 32, `conv${s + 2}_block${i}`);
    if (s < 3) x = transition(g, x, `pool${s + 2}`);
  });
  x = bnRelu(g, x, 'x', 'bn', 'relu');
  if (o.includeTop) {
    x = globalAveragePooling2d(g, x, 'avg_pool');
    x = dense(g, x, o.classes, { activation: 'softmax', name: 'predictions' });
  }
  return g.toJSON('densenet121', x);
}
