import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  add,
  batchNormalization,
  conv2d,
  correctPad,
  dense,
  depthwiseConv2d,
  dropout,
  globalAveragePooling2d,
  makeDivisible,
  multiply,
  normalization,
  rescaling,
  reshape,
  varianceScaling,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

const CONV_INIT = () => varianceScaling(2.0, 'truncated_normal');
const DENSE_INIT = () => varianceScaling(1 / 3, 'uniform');

/** Kernel, repeats, filters in, filters out, expansion, stride (every block: squeeze-excite 0.25). */
const BLOCKS: [number, number, number, number, number, number][] = [
  [3, 1, 32, 16, 1, 1],
  [3, 2, 16, 24, 6, 2],
  [5, 2, 24, 40, 6, 2],
  [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1],
  [5, 4, 112, 192, 6, 2],
  [3, 1, 192, 320, 6, 1],
];

const bn = (g: Graph, x: Tensor, name: string): Tensor =>
  batchNormalization(g, x, { axis: 3, name });

function mbConv(
  g: Graph,
  inputs: Tensor,
  name: string,
  filtersIn: number,
  filtersOut: number,
  kernel: number,
  stride: number,
  expansion: number,
  dropRate: number,
): Tensor {
  const filters = filtersIn * expansion;
  let x = inputs;
  if (expansion !== 1) {
    x = conv2d(g, x, filters, 1, {
      padding: 'same',
      useBias: false,
      kernelInitializer: CONV_INIT(),
      name: `${name}expand_conv`,
    });
    x = activation(g, bn(g, x, `${name}expand_bn`), 'swish', `${name}expand_activation`);
  }
  if (stride === 2) x = zeroPadding2d(g, x, correctPad(x, kernel), `${name}dwconv_pad`);
  x = depthwiseConv2d(g, x, kernel, {
    strides: stride,
    padding: stride === 2 ? 'valid' : 'same',
    useBias: false,
    depthwiseInitializer: CONV_INIT(),
    name: `${name}dwconv`,
  });
  x = activation(g, bn(g, x, `${name}bn`), 'swish', `${name}activation`);
  const filtersSe = Math.max(1, Math.trunc(filtersIn * 0.25));
  let se = globalAveragePooling2d(g, x, `${name}se_squeeze`);
  se = reshape(g, se, [1, 1, filters], `${name}se_reshape`);
  se = conv2d(g, se, filtersSe, 1, {
    padding: 'same',
    activation: 'swish',
    kernelInitializer: CONV_INIT(),
    name: `${name}se_reduce`,
  });
  se = conv2d(g, se, filters, 1, {
    padding: 'same',
    activation: 'sigmoid',
    kernelInitializer: CONV_INIT(),
    name: `${name}se_expand`,
  });
  x = multiply(g, [x, se], `${name}se_excite`);
  x = conv2d(g, x, filtersOut, 1, {
    padding: 'same',
    useBias: false,
    kernelInitializer: CONV_INIT(),
    name: `${name}project_conv`,
  });
  x = bn(g, x, `${name}project_bn`);
  if (stride === 1 && filtersIn === filtersOut) {
    if (dropRate > 0) {
      // Drop connect: whole examples dropped in training, the identity at inference.
      x = g.add(
        'Dropout',
        { rate: dropRate, noise_shape: [null, 1, 1, 1], seed: null },
        x,
        x.shape,
        `${name}drop`,
      );
    }
    x = add(g, [x, inputs], `${name}add`);
  }
  return x;
}

/** keras.applications.EfficientNetB0 (Tan & Le, 2019). */
export function efficientNetB0(options: ApplicationOptions = {}): KerasModelJSON {
  const o = resolve('EfficientNetB0', options, 224, 32);
  const g = new Graph();
  let x = rescaling(g, g.input(o.inputShape), 1 / 255, 0);
  x = normalization(g, x, 3);
  x = zeroPadding2d(g, x, correctPad(x, 3), 'stem_conv_pad');
  x = conv2d(g, x, makeDivisible(32), 3, {
    strides: 2,
    useBias: false,
    kernelInitializer: CONV_INIT(),
    name: 'stem_conv',
  });
  x = activation(g, bn(g, x, 'stem_bn'), 'swish', 'stem_activation');
  const total = BLOCKS.reduce((n, b) => n + b[1], 0);
  let done = 0;
  BLOCKS.forEach(([kernel, repeats, fin, fout, expansion, stride], i) => {
    for (let j = 0; j < repeats; j++) {
      const name = `block${i + 1}${String.fromCharCode(97 + j)}_`;
      const dropRate = (0.2 * done) / total;
      x = mbConv(
        g,
        x,
        name,
        j === 0 ? fin : fout,
        fout,
        kernel,
        j === 0 ? stride : 1,
        expansion,
        dropRate,
      );
      done += 1;
    }
  });
  x = conv2d(g, x, makeDivisible(1280), 1, {
    padding: 'same',
    useBias: false,
    kernelInitializer: CONV_INIT(),
    name: 'top_conv',
  });
  x = activation(g, bn(g, x, 'top_bn'), 'swish', 'top_activation');
  if (o.includeTop) {
    x = globalAveragePooling2d(g, x, 'avg_pool');
    x = dropout(g, x, 0.2, 'top_dropout');
    x = dense(g, x, o.classes, {
      activation: 'softmax',
      kernelInitializer: DENSE_INIT(),
      name: 'predictions',
    });
  }
  return g.toJSON('efficientnetb0', x);
}
