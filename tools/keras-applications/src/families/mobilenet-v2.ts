import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  add,
  batchNormalization,
  conv2d,
  correctPad,
  dense,
  depthwiseConv2d,
  globalAveragePooling2d,
  makeDivisible,
  relu,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

const bn = (g: Graph, x: Tensor, name: string): Tensor =>
  batchNormalization(g, x, { epsilon: 1e-3, momentum: 0.999, name });

function invertedResBlock(
  g: Graph,
  inputs: Tensor,
  expansion: number,
  stride: number,
  alpha: number,
  filters: number,
  id: number,
): Tensor {
  const inChannels = inputs.shape[inputs.shape.length - 1] ?? 0;
  const pointwise = makeDivisible(Math.trunc(filters * alpha), 8);
  let x = inputs;
  let prefix = `block_${id}_`;
  if (id) {
    x = conv2d(g, x, expansion * inChannels, 1, {
      padding: 'same',
      useBias: false,
      name: `${prefix}expand`,
    });
    x = relu(g, bn(g, x, `${prefix}expand_BN`), 6, `${prefix}expand_relu`);
  } else {
    prefix = 'expanded_conv_';
  }
  if (stride === 2) x = zeroPadding2d(g, x, correctPad(x, 3), `${prefix}pad`);
  x = depthwiseConv2d(g, x, 3, {
    strides: stride,
    useBias: false,
    padding: stride === 1 ? 'same' : 'valid',
    name: `${prefix}depthwise`,
  });
  x = relu(g, bn(g, x, `${prefix}depthwise_BN`), 6, `${prefix}depthwise_relu`);
  x = conv2d(g, x, pointwise, 1, { padding: 'same', useBias: false, name: `${prefix}project` });
  x = bn(g, x, `${prefix}project_BN`);
  if (inChannels === pointwise && stride === 1) return add(g, [inputs, x], `${prefix}add`);
  return x;
}

/** Filters, stride and expansion of blocks 0 to 16. */
const BLOCKS: [number, number, number][] = [
  [16, 1, 1],
  [24, 2, 6],
  [24, 1, 6],
  [32, 2, 6],
  [32, 1, 6],
  [32, 1, 6],
  [64, 2, 6],
  [64, 1, 6],
  [64, 1, 6],
  [64, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [160, 2, 6],
  [160, 1, 6],
  [160, 1, 6],
  [320, 1, 6],
];

/** keras.applications.MobileNetV2 (Sandler et al., 2018). */
export function mobileNetV2(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('MobileNetV2', options, 224, 32);
  const g = new Graph();
  let x = g.input(o.inputShape);
  x = conv2d(g, x, makeDivisible(32 * o.alpha, 8), 3, {
    strides: 2,
    padding: 'same',
    useBias: false,
    name: 'Conv1',
  });
  x = relu(g, bn(g, x, 'bn_Conv1'), 6, 'Conv1_relu');
  BLOCKS.forEach(([filters, stride, expansion], id) => {
    x = invertedResBlock(g, x, expansion, stride, o.alpha, filters, id);
  });
  const last = o.alpha > 1 ? makeDivisible(1280 * o.alpha, 8) : 1280;
  x = conv2d(g, x, last, 1, { useBias: false, name: 'Conv_1' });
  x = relu(g, bn(g, x, 'Conv_1_bn'), 6, 'out_relu');
  if (o.includeTop) {
    x = globalAveragePooling2d(g, x);
    x = dense(g, x, o.classes, { activation: 'softmax', name: 'predictions' });
  }
  return g.toJSON(`mobilenetv2_${o.alpha.toFixed(2)}_${o.inputShape[0]}`, x);
}
