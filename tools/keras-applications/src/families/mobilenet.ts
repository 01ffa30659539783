import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  batchNormalization,
  conv2d,
  depthwiseConv2d,
  dropout,
  globalAveragePooling2d,
  relu,
  reshape,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

function depthwiseBlock(g: Graph, x: Tensor, filters: number, stride: number, id: number): Tensor {
  let y = x;
  if (stride !== 1)
    y = zeroPadding2d(
      g,
      y,
      [
        [0, 1],
        [0, 1],
      ],
      `conv_pad_${id}`,
    );
  y = depthwiseConv2d(g, y, 3, {
    padding: stride === 1 ? 'same' : 'valid',
    strides: stride,
    useBias: false,
    name: `conv_dw_${id}`,
  });
  y = relu(g, batchNormalization(g, y, { name: `conv_dw_${id}_bn` }), 6, `conv_dw_${id}_relu`);
  y = conv2d(g, y, filters, 1, { padding: 'same', useBias: false, name: `conv_pw_${id}` });
  return relu(g, batchNormalization(g, y, { name: `conv_pw_${id}_bn` }), 6, `conv_pw_${id}_relu`);
}

/** Pointwise filters and stride of blocks 1 to 13. */
const BLOCKS: [number, number][] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

/** keras.applications.MobileNet (Howard et al., 2017), depth multiplier 1. */
export function mobileNet(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('MobileNet', options, 224, 32);
  const g = new Graph();
  let x = g.input(o.inputShape);
  x = conv2d(g, x, Math.trunc(32 * o.alpha), 3, {
    padding: 'same',
    useBias: false,
    strides: 2,
    name: 'conv1',
  });
  x = relu(g, batchNormalization(g, x, { name: 'conv1_bn' }), 6, 'conv1_relu');
  BLOCKS.forEach(([filters, stride], i) => {
    x = depthwiseBlock(g, x, Math.trunc(filters * o.alpha), stride, i + 1);
  });
  if (o.includeTop) {
    const channels = Math.trunc(1024 * o.alpha);
    x = globalAveragePooling2d(g, x);
    x = reshape(g, x, [1, 1, channels], 'reshape_1');
    x = dropout(g, x, 1e-3, 'dropout');
    x = conv2d(g, x, o.classes, 1, { padding: 'same', name: 'conv_preds' });
    x = reshape(g, x, [o.classes], 'reshape_2');
    x = activation(g, x, 'softmax', 'predictions');
  }
  return g.toJSON(`mobilenet_${o.alpha.toFixed(2)}_${o.inputShape[0]}`, x);
}
