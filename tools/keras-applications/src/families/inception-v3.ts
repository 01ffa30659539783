import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  averagePooling2d,
  batchNormalization,
  concatenate,
  conv2d,
  dense,
  globalAveragePooling2d,
  maxPooling2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

/** Conv2D → BatchNormalization (no scale) → ReLU, all with Keras' automatic names. */
function convBn(
  g: Graph,
  x: Tensor,
  filters: number,
  rows: number,
  cols: number,
  o: { padding?: 'valid' | 'same'; strides?: number } = {},
): Tensor {
  const y = conv2d(g, x, filters, [rows, cols], {
    strides: o.strides ?? 1,
    padding: o.padding ?? 'same',
    useBias: false,
  });
  return activation(g, batchNormalization(g, y, { axis: 3, scale: false }), 'relu');
}

const avgPoolBranch = (g: Graph, x: Tensor, filters: number): Tensor =>
  convBn(g, averagePooling2d(g, x, 3, { strides: 1, padding: 'same' }), filters, 1, 1);

/** keras.applications.InceptionV3 (Szegedy et al., 2015). */
export function inceptionV3(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('InceptionV3', options, 299, 75);
  const g = new Graph();
  let x = g.input(o.inputShape);
  x = convBn(g, x, 32, 3, 3, { strides: 2, padding: 'valid' });
  x = convBn(g, x, 32, 3, 3, { padding: 'valid' });
  x = convBn(g, x, 64, 3, 3);
  x = maxPooling2d(g, x, 3, { strides: 2 });
  x = convBn(g, x, 80, 1, 1, { padding: 'valid' });
  x = convBn(g, x, 192, 3, 3, { padding: 'valid' });
  x = maxPooling2d(g, x, 3, { strides: 2 });

  // mixed0 to mixed2: 35 × 35.
  for (const [i, pool] of [32, 64, 64].entries()) {
    const b1 = convBn(g, x, 64, 1, 1);
    const b5 = convBn(g, convBn(g, x, 48, 1, 1), 64, 5, 5);
    let b3 = convBn(g, x, 64, 1, 1);
    b3 = convBn(g, convBn(g, b3, 96, 3, 3), 96, 3, 3);
    x = concatenate(g, [b1, b5, b3, avgPoolBranch(g, x, pool)], `mixed${i}`);
  }

  // mixed3: down to 17 × 17.
  {
    const b3 = convBn(g, x, 384, 3, 3, { strides: 2, padding: 'valid' });
    let bd = convBn(g, convBn(g, x, 64, 1, 1), 96, 3, 3);
    bd = convBn(g, bd, 96, 3, 3, { strides: 2, padding: 'valid' });
    x = concatenate(g, [b3, bd, maxPooling2d(g, x, 3, { strides: 2 })], 'mixed3');
  }

  // mixed4 to mixed7: factorised 7 × 7 convolutions.
  for (const [i, c] of [128, 160, 160, 192].entries()) {
    const b1 = convBn(g, x, 192, 1, 1);
    let b7 = convBn(g, x, c, 1, 1);
    b7 = convBn(g, convBn(g, b7, c, 1, 7), 192, 7, 1);
    let bd = convBn(g, x, c, 1, 1);
    bd = convBn(g, convBn(g, bd, c, 7, 1), c, 1, 7);
    bd = convBn(g, convBn(g, bd, c, 7, 1), 192, 1, 7);
    x = concatenate(g, [b1, b7, bd, avgPoolBranch(g, x, 192)], `mixed${4 + i}`);
  }

  // mixed8: down to 8 × 8.
  {
    const b3 = convBn(g, convBn(g, x, 192, 1, 1), 320, 3, 3, { strides: 2, padding: 'valid' });
    let b7 = convBn(g, convBn(g, x, 192, 1, 1), 192, 1, 7);
    b7 = convBn(g, convBn(g, b7, 192, 7, 1), 192, 3, 3, { strides: 2, padding: 'valid' });
    x = concatenate(g, [b3, b7, maxPooling2d(g, x, 3, { strides: 2 })], 'mixed8');
  }

  // mixed9 and mixed10.
  for (const i of [0, 1]) {
    const b1 = convBn(g, x, 320, 1, 1);
    const b3 = convBn(g, x, 384, 1, 1);
    const b3s = concatenate(g, [convBn(g, b3, 384, 1, 3), convBn(g, b3, 384, 3, 1)], `mixed9_${i}`);
    const bd = convBn(g, convBn(g, x, 448, 1, 1), 384, 3, 3);
    const bds = concatenate(g, [convBn(g, bd, 384, 1, 3), convBn(g, bd, 384, 3, 1)]);
    x = concatenate(g, [b1, b3s, bds, avgPoolBranch(g, x, 192)], `mixed${9 + i}`);
  }
  if (o.includeTop) {
    x = globalAveragePooling2d(g, x, 'avg_pool');
    x = dense(g, x, o.classes, { activation: 'softmax', name: 'predictions' });
  }
  return g.toJSON('inception_v3', x);
}
