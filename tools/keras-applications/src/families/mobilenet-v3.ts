import { Graph, type KerasModelJSON, type Tensor } from '../graph.js';
import {
  activation,
  add,
  batchNormalization,
  conv2d,
  correctPad,
  depthwiseConv2d,
  dropout,
  flatten,
  globalAveragePooling2d,
  makeDivisible,
  multiply,
  relu,
  rescaling,
  reshape,
  zeroPadding2d,
} from '../layers.js';
import { resolve, type ApplicationOptions } from '../options.js';

type Act = (g: Graph, x: Tensor) => Tensor;

const plainRelu: Act = (g, x) => relu(g, x, null);

/**
 * MobileNetV3's hard sigmoid, relu6(x + 3) / 6. Keras 2 writes `x + 3.` and
 * `* (1. / 6.)` as TFOpLambda layers (TensorFlow ops, not Keras layers); the
 * same function is clip(x / 6 + 0.5, 0, 1), which standard layers express.
 */
const hardSigmoid: Act = (g, x) => relu(g, rescaling(g, x, 1 / 6, 0.5), 1);

const hardSwish: Act = (g, x) => multiply(g, [hardSigmoid(g, x), x]);

const bn = (g: Graph, x: Tensor, name: string): Tensor =>
  batchNormalization(g, x, { epsilon: 1e-3, momentum: 0.999, name });

function seBlock(g: Graph, inputs: Tensor, filters: number, prefix: string): Tensor {
  let x = globalAveragePooling2d(g, inputs, `${prefix}squeeze_excite/AvgPool`);
  x = reshape(g, x, [1, 1, filters]);
  x = conv2d(g, x, makeDivisible(filters * 0.25), 1, {
    padding: 'same',
    name: `${prefix}squeeze_excite/Conv`,
  });
  x = relu(g, x, null, `${prefix}squeeze_excite/Relu`);
  x = conv2d(g, x, filters, 1, { padding: 'same', name: `${prefix}squeeze_excite/Conv_1` });
  x = hardSigmoid(g, x);
  return multiply(g, [inputs, x], `${prefix}squeeze_excite/Mul`);
}

/** One inverted residual block: [expansion, filters, kernel, stride, squeeze-excite, activation]. */
type Spec = [number, number, number, number, boolean, 'relu' | 'hswish'];

function block(g: Graph, input: Tensor, spec: Spec, alpha: number, id: number): Tensor {
  const [expansion, filters0, kernel, stride, se, act] = spec;
  const filters = makeDivisible(filters0 * alpha);
  const activate = act === 'relu' ? plainRelu : hardSwish;
  const inFilters = input.shape[input.shape.length - 1] ?? 0;
  let prefix = 'expanded_conv/';
  let x = input;
  if (id) {
    prefix = `expanded_conv_${id}/`;
    x = conv2d(g, x, makeDivisible(inFilters * expansion), 1, {
      padding: 'same',
      useBias: false,
      name: `${prefix}expand`,
    });
    x = activate(g, bn(g, x, `${prefix}expand/BatchNorm`));
  }
  if (stride === 2) x = zeroPadding2d(g, x, correctPad(x, kernel), `${prefix}depthwise/pad`);
  x = depthwiseConv2d(g, x, kernel, {
    strides: stride,
    padding: stride === 1 ? 'same' : 'valid',
    useBias: false,
    name: `${prefix}depthwise`,
  });
  x = activate(g, bn(g, x, `${prefix}depthwise/BatchNorm`));
  if (se) x = seBlock(g, x, makeDivisible(inFilters * expansion), prefix);
  x = conv2d(g, x, filters, 1, { padding: 'same', useBias: false, name: `${prefix}project` });
  x = bn(g, x, `${prefix}project/BatchNorm`);
  if (stride === 1 && inFilters === filters) x = add(g, [input, x], `${prefix}Add`);
  return x;
}

const SMALL: Spec[] = [
  [1, 16, 3, 2, true, 'relu'],
  [72 / 16, 24, 3, 2, false, 'relu'],
  [88 / 24, 24, 3, 1, false, 'relu'],
  [4, 40, 5, 2, true, 'hswish'],
  [6, 40, 5, 1, true, 'hswish'],
  [6, 40, 5, 1, true, 'hswish'],
  [3, 48, 5, 1, true, 'hswish'],
  [3, 48, 5, 1, true, 'hswish'],
  [6, 96, 5, 2, true, 'hswish'],
  [6, 96, 5, 1, true, 'hswish'],
  [6, 96, 5, 1, true, 'hswish'],
];

const LARGE: Spec[] = [
  [1, 16, 3, 1, false, 'relu'],
  [4, 24, 3, 2, false, 'relu'],
  [3, 24, 3, 1, false, 'relu'],
  [3, 40, 5, 2, true, 'relu'],
  [3, 40, 5, 1, true, 'relu'],
  [3, 40, 5, 1, true, 'relu'],
  [6, 80, 3, 2, false, 'hswish'],
  [2.5, 80, 3, 1, false, 'hswish'],
  [2.3, 80, 3, 1, false, 'hswish'],
  [2.3, 80, 3, 1, false, 'hswish'],
  [6, 112, 3, 1, true, 'hswish'],
  [6, 112, 3, 1, true, 'hswish'],
  [6, 160, 5, 2, true, 'hswish'],
  [6, 160, 5, 1, true, 'hswish'],
  [6, 160, 5, 1, true, 'hswish'],
];

function mobileNetV3(
  family: string,
  specs: Spec[],
  lastPoint: number,
  options: ApplicationOptions,
): KerasModelJSON {
  const o = resolve(family, options, 224, 32);
  const g = new Graph();
  let x = rescaling(g, g.input(o.inputShape), 1 / 127.5, -1);
  x = conv2d(g, x, 16, 3, { strides: 2, padding: 'same', useBias: false, name: 'Conv' });
  x = hardSwish(g, bn(g, x, 'Conv/BatchNorm'));
  specs.forEach((spec, id) => {
    x = block(g, x, spec, o.alpha, id);
  });
  const lastConv = makeDivisible((x.shape[x.shape.length - 1] ?? 0) * 6);
  const lastPointCh = o.alpha > 1 ? makeDivisible(lastPoint * o.alpha) : lastPoint;
  x = conv2d(g, x, lastConv, 1, { padding: 'same', useBias: false, name: 'Conv_1' });
  x = hardSwish(g, bn(g, x, 'Conv_1/BatchNorm'));
  x = conv2d(g, x, lastPointCh, 1, { padding: 'same', name: 'Conv_2' });
  x = hardSwish(g, x);
  if (o.includeTop) {
    x = reshape(g, globalAveragePooling2d(g, x), [1, 1, lastPointCh]);
    x = dropout(g, x, 0.2);
    x = conv2d(g, x, o.classes, 1, { padding: 'same', name: 'Logits' });
    x = activation(g, flatten(g, x), 'softmax', 'Predictions');
  }
  return g.toJSON(`MobilenetV3${family.endsWith('Small') ? 'small' : 'large'}`, x);
}

/** keras.applications.MobileNetV3Small (Howard et al., 2019), not minimalistic. */
export const mobileNetV3Small = (options: ApplicationOptions = {}): KerasModelJSON =>
  mobileNetV3('MobileNetV3Small', SMALL, 1024, options);

/** keras.applications.MobileNetV3Large (Howard et al., 2019), not minimalistic. */
export const mobileNetV3Large = (options: ApplicationOptions = {}): KerasModelJSON =>
  mobileNetV3('MobileNetV3Large', LARGE, 1280, options);
