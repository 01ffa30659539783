import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  add,
  batchNormalization,
  conv2d,
  dense,
  globalAveragePooling2d,
  maxPooling2d,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

const bn = (g: Graph, x: Tensor, name: string): Tensor =>
  batchNormalization(g, x, { axis: 3, epsilon: 1.001e-5, name });

/** The stem both versions share; V2 leaves out the BN and ReLU (they come before each block). */
function stem(g: Graph, input: Tensor, preact: boolean): Tensor {
  let x = zeroPadding2d(
    g,
    input,
    [
      [3, 3],
      [3, 3],
    ],
    'conv1_pad',
  );
  x = conv2d(g, x, 64, 7, { strides: 2, name: 'conv1_conv' });
  if (!preact) {
    x = bn(g, x, 'conv1_bn');
    x = activation(g, x, 'relu', 'conv1_relu');
  }
  x = zeroPadding2d(
    g,
    x,
    [
      [1, 1],
      [1, 1],
    ],
    'pool1_pad',
  );
  return maxPooling2d(g, x, 3, { strides: 2, name: 'pool1_pool' });
}

function block1(
  g: Graph,
  x: Tensor,
  filters: number,
  stride: number,
  shortcutConv: boolean,
  name: string,
): Tensor {
  let shortcut = x;
  if (shortcutConv) {
    shortcut = conv2d(g, x, 4 * filters, 1, { strides: stride, name: `${name}_0_conv` });
    shortcut = bn(g, shortcut, `${name}_0_bn`);
  }
  let y = conv2d(g, x, filters, 1, { strides: stride, name: `${name}_1_conv` });
  y = activation(g, bn(g, y, `${name}_1_bn`), 'relu', `${name}_1_relu`);
  y = conv2d(g, y, filters, 3, { padding: 'same', name: `${name}_2_conv` });
  y = activation(g, bn(g, y, `${name}_2_bn`), 'relu', `${name}_2_relu`);
  y = bn(g, conv2d(g, y, 4 * filters, 1, { name: `${name}_3_conv` }), `${name}_3_bn`);
  return activation(g, add(g, [shortcut, y], `${name}_add`), 'relu', `${name}_out`);
}

function block2(
  g: Graph,
  x: Tensor,
  filters: number,
  stride: number,
  shortcutConv: boolean,
  name: string,
): Tensor {
  const preact = activation(g, bn(g, x, `${name}_preact_bn`), 'relu', `${name}_preact_relu`);
  let shortcut = x;
  if (shortcutConv) {
    shortcut = conv2d(g, preact, 4 * filters, 1, { strides: stride, name: `${name}_0_conv` });
  } else if (stride > 1) {
    shortcut = maxPooling2d(g, x, 1, { strides: stride });
  }
  let y = conv2d(g, preact, filters, 1, { useBias: false, name: `${name}_1_conv` });
  y = activation(g, bn(g, y, `${name}_1_bn`), 'relu', `${name}_1_relu`);
  y = zeroPadding2d(
    g,
    y,
    [
      [1, 1],
      [1, 1],
    ],
    `${name}_2_pad`,
  );
  y = conv2d(g, y, filters, 3, { strides: stride, useBias: false, name: `${name}_2_conv` });
  y = activation(g, bn(g, y, `${name}_2_bn`), 'relu', `${name}_2_relu`);
  y = conv2d(g, y, 4 * filters, 1, { name: `${name}_3_conv` });
  return add(g, [shortcut, y], `${name}_out`);
}

const STAGES: [number, number][] = [
  [64, 3],
  [128, 4],
  [256, 6],
  [512, 3],
];

function top(g: Graph, x: Tensor, includeTop: boolean, classes: number): Tensor {
  if (!includeTop) return x;
  const pooled = globalAveragePooling2d(g, x, 'avg_pool');
  return dense(g, pooled, classes, { activation: 'softmax', name: 'predictions' });
}

/** keras.applications.ResNet50 (He et al., 2015). */
export function resNet50(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('ResNet50', options, 224, 32);
  const g = new Graph();
  let x = stem(g, g.input(o.inputShape), false);
  STAGES.forEach(([filters, blocks], s) => {
    const name = `conv${s + 2}`;
    x = block1(g, x, filters, s === 0 ? 1 : 2, true, `${name}_block1`);
    for (let i = 2; i <= blocks; i++) x = block1(g, x, filters, 1, false, `${name}_block${i}`);
  });
  return g.toJSON('resnet50', top(g, x, o.includeTop, o.classes));
}

/** keras.applications.ResNet50V2 (He et al., 2016: pre-activation blocks). */
export function resNet50V2(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('ResNet50V2', options, 224, 32);
  const g = new Graph();
  let x = stem(g, g.input(o.inputShape), true);
  STAGES.forEach(([filters, blocks], s) => {
    const name = `conv${s + 2}`;
    x = block2(g, x, filters, 1, true, `${name}_block1`);
    for (let i = 2; i < blocks; i++) x = block2(g, x, filters, 1, false, `${name}_block${i}`);
    x = block2(g, x, filters, s === 3 ? 1 : 2, false, `${name}_block${blocks}`);
  });
  x = activation(g, bn(g, x, 'post_bn'), 'relu', 'post_relu');
  return g.toJSON('resnet50v2', top(g, x, o.includeTop, o.classes));
}
