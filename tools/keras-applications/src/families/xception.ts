import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  add,
  batchNormalization,
  conv2d,
  dense,
  globalAveragePooling2d,
  maxPooling2d,
  separableConv2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

const sep = (g: Graph, x: Tensor, filters: number, name: string): Tensor =>
  batchNormalization(
    g,
    separableConv2d(g, x, filters, 3, { padding: 'same', useBias: false, name }),
    {
      name: `${name}_bn`,
    },
  );

/** Blocks 2 to 4 and 13: two separable convolutions, max-pooled, plus a strided 1 × 1 shortcut. */
function downBlock(
  g: Graph,
  x: Tensor,
  block: number,
  filters: [number, number],
  reluFirst: boolean,
): Tensor {
  let residual = conv2d(g, x, filters[1], 1, { strides: 2, padding: 'same', useBias: false });
  residual = batchNormalization(g, residual);
  let y = x;
  if (reluFirst) y = activation(g, y, 'relu', `block${block}_sepconv1_act`);
  y = sep(g, y, filters[0], `block${block}_sepconv1`);
  y = activation(g, y, 'relu', `block${block}_sepconv2_act`);
  y = sep(g, y, filters[1], `block${block}_sepconv2`);
  y = maxPooling2d(g, y, 3, { strides: 2, padding: 'same', name: `block${block}_pool` });
  return add(g, [y, residual]);
}

/** keras.applications.Xception (Chollet, 2017). */
export function xception(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('Xception', options, 299, 71);
  const g = new Graph();
  let x = g.input(o.inputShape);
  x = conv2d(g, x, 32, 3, { strides: 2, useBias: false, name: 'block1_conv1' });
  x = activation(
    g,
    batchNormalization(g, x, { name: 'block1_conv1_bn' }),
    'relu',
    'block1_conv1_act',
  );
  x = conv2d(g, x, 64, 3, { useBias: false, name: 'block1_conv2' });
  x = activation(
    g,
    batchNormalization(g, x, { name: 'block1_conv2_bn' }),
    'relu',
    'block1_conv2_act',
  );
  x = downBlock(g, x, 2, [128, 128], false);
  x = downBlock(g, x, 3, [256, 256], true);
  x = downBlock(g, x, 4, [728, 728], true);
  for (let i = 5; i <= 12; i++) {
    const residual = x;
    let y = x;
    for (const k of [1, 2, 3]) {
      y = activation(g, y, 'relu', `block${i}_sepconv${k}_act`);
      y = sep(g, y, 728, `block${i}_sepconv${k}`);
    }
    x = add(g, [y, residual]);
  }
  x = downBlock(g, x, 13, [728, 1024], true);
  x = activation(g, sep(g, x, 1536, 'block14_sepconv1'), 'relu', 'block14_sepconv1_act');
  x = activation(g, sep(g, x, 2048, 'block14_sepconv2'), 'relu', 'block14_sepconv2_act');
  if (o.includeTop) {
    x = globalAveragePooling2d(g, x, 'avg_pool');
    x = dense(g, x, o.classes, { activation: 'softmax', name: 'predictions' });
  }
  return g.toJSON('xception', x);
}
