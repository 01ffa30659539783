/**
 * Keras 2 layer configs as `get_config()` writes them, each computing its
 * output shape. Only the layers and options that Keras Applications use.
 */
import type { Graph, Tensor } from './graph.js';

type Pair = [number, number];
type Initializer = { class_name: string; config: Record<string, unknown> };

export const glorotUniform = (): Initializer => ({
  class_name: 'GlorotUniform',
  config: { seed: null },
});
const zeros = (): Initializer => ({ class_name: 'Zeros', config: {} });
const ones = (): Initializer => ({ class_name: 'Ones', config: {} });

/** `VarianceScaling` as EfficientNet configures it. */
export const varianceScaling = (scale: number, distribution: string): Initializer => ({
  class_name: 'VarianceScaling',
  config: { scale, mode: 'fan_out', distribution, seed: null },
});

const pair = (v: number | Pair): Pair => (typeof v === 'number' ? [v, v] : v);

function at(shape: readonly number[], i: number): number {
  const v = shape[i < 0 ? shape.length + i : i];
  if (v === undefined) throw new Error(`shape [${shape.join(', ')}] has no axis ${i}`);
  return v;
}

/** Spatial output size of a window op (Keras' conv_utils.conv_output_length). */
function outSize(size: number, kernel: number, stride: number, padding: string): number {
  const n =
    padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
  if (n < 1) throw new Error(`input of ${size} pixels is too small for a ${kernel}-wide window`);
  return n;
}

function windowShape(x: Tensor, kernel: Pair, strides: Pair, padding: string, channels: number) {
  return [
    outSize(at(x.shape, 0), kernel[0], strides[0], padding),
    outSize(at(x.shape, 1), kernel[1], strides[1], padding),
    channels,
  ];
}

const NO_TRAINING = { activity_regularizer: null };

/** Options common to the convolutions. */
export interface ConvOptions {
  strides?: number | Pair;
  padding?: 'valid' | 'same';
  activation?: string;
  useBias?: boolean;
  name?: string;
}

function convBase(kernelSize: Pair, o: ConvOptions) {
  return {
    kernel_size: kernelSize,
    strides: pair(o.strides ?? 1),
    padding: o.padding ?? 'valid',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
  };
}

export function conv2d(
  g: Graph,
  x: Tensor,
  filters: number,
  kernel: number | Pair,
  o: ConvOptions & { kernelInitializer?: Initializer } = {},
): Tensor {
  const k = pair(kernel);
  const config = {
    filters,
    ...convBase(k, o),
    groups: 1,
    activation: o.activation ?? 'linear',
    use_bias: o.useBias ?? true,
    kernel_initializer: o.kernelInitializer ?? glorotUniform(),
    bias_initializer: zeros(),
    kernel_regularizer: null,
    bias_regularizer: null,
    ...NO_TRAINING,
    kernel_constraint: null,
    bias_constraint: null,
  };
  const shape = windowShape(x, k, pair(o.strides ?? 1), o.padding ?? 'valid', filters);
  return g.add('Conv2D', config, x, shape, o.name);
}

export function depthwiseConv2d(
  g: Graph,
  x: Tensor,
  kernel: number | Pair,
  o: ConvOptions & { depthMultiplier?: number; depthwiseInitializer?: Initializer } = {},
): Tensor {
  const k = pair(kernel);
  const depthMultiplier = o.depthMultiplier ?? 1;
  const config = {
    ...convBase(k, o),
    activation: o.activation ?? 'linear',
    use_bias: o.useBias ?? true,
    bias_initializer: zeros(),
    bias_regularizer: null,
    ...NO_TRAINING,
    bias_constraint: null,
    depth_multiplier: depthMultiplier,
    depthwise_initializer: o.depthwiseInitializer ?? glorotUniform(),
    depthwise_regularizer: null,
    depthwise_constraint: null,
  };
  const channels = at(x.shape, -1) * depthMultiplier;
  const shape = windowShape(x, k, pair(o.strides ?? 1), o.padding ?? 'valid', channels);
  return g.add('DepthwiseConv2D', config, x, shape, o.name);
}

export function separableConv2d(
  g: Graph,
  x: Tensor,
  filters: number,
  kernel: number | Pair,
  o: ConvOptions = {},
): Tensor {
  const k = pair(kernel);
  const config = {
    filters,
    ...convBase(k, o),
    groups: 1,
    activation: o.activation ?? 'linear',
    use_bias: o.useBias ?? true,
    depth_multiplier: 1,
    depthwise_initializer: glorotUniform(),
    pointwise_initializer: glorotUniform(),
    bias_initializer: zeros(),
    depthwise_regularizer: null,
    pointwise_regularizer: null,
    bias_regularizer: null,
    ...NO_TRAINING,
    depthwise_constraint: null,
    pointwise_constraint: null,
    bias_constraint: null,
  };
  const shape = windowShape(x, k, pair(o.strides ?? 1), o.padding ?? 'valid', filters);
  return g.add('SeparableConv2D', config, x, shape, o.name);
}

export function batchNormalization(
  g: Graph,
  x: Tensor,
  o: { axis?: number; epsilon?: number; momentum?: number; scale?: boolean; name?: string } = {},
): Tensor {
  const config = {
    axis: o.axis ?? -1,
    momentum: o.momentum ?? 0.99,
    epsilon: o.epsilon ?? 0.001,
    center: true,
    scale: o.scale ?? true,
    beta_initializer: zeros(),
    gamma_initializer: ones(),
    moving_mean_initializer: zeros(),
    moving_variance_initializer: ones(),
    beta_regularizer: null,
    gamma_regularizer: null,
    beta_constraint: null,
    gamma_constraint: null,
  };
  return g.add('BatchNormalization', config, x, x.shape, o.name);
}

export const activation = (g: Graph, x: Tensor, name: string, layerName?: string): Tensor =>
  g.add('Activation', { activation: name }, x, x.shape, layerName);

/** `layers.ReLU(max_value)`: Keras writes max_value as a float, or null without one. */
export const relu = (g: Graph, x: Tensor, maxValue: number | null, name?: string): Tensor =>
  g.add('ReLU', { max_value: maxValue, negative_slope: 0.0, threshold: 0.0 }, x, x.shape, name);

export function zeroPadding2d(g: Graph, x: Tensor, padding: [Pair, Pair], name?: string): Tensor {
  const shape = [
    at(x.shape, 0) + padding[0][0] + padding[0][1],
    at(x.shape, 1) + padding[1][0] + padding[1][1],
    at(x.shape, 2),
  ];
  return g.add('ZeroPadding2D', { padding, data_format: 'channels_last' }, x, shape, name);
}

function pooling(
  className: string,
  g: Graph,
  x: Tensor,
  poolSize: number,
  o: { strides?: number; padding?: 'valid' | 'same'; name?: string },
): Tensor {
  const k = pair(poolSize);
  const s = pair(o.strides ?? poolSize);
  const padding = o.padding ?? 'valid';
  const config = { pool_size: k, padding, strides: s, data_format: 'channels_last' };
  return g.add(className, config, x, windowShape(x, k, s, padding, at(x.shape, -1)), o.name);
}

export const maxPooling2d = (
  g: Graph,
  x: Tensor,
  poolSize: number,
  o: { strides?: number; padding?: 'valid' | 'same'; name?: string } = {},
): Tensor => pooling('MaxPooling2D', g, x, poolSize, o);

export const averagePooling2d = (
  g: Graph,
  x: Tensor,
  poolSize: number,
  o: { strides?: number; padding?: 'valid' | 'same'; name?: string } = {},
): Tensor => pooling('AveragePooling2D', g, x, poolSize, o);

export const globalAveragePooling2d = (g: Graph, x: Tensor, name?: string): Tensor =>
  g.add(
    'GlobalAveragePooling2D',
    { data_format: 'channels_last', keepdims: false },
    x,
    [at(x.shape, -1)],
    name,
  );

export const globalMaxPooling2d = (g: Graph, x: Tensor, name?: string): Tensor =>
  g.add(
    'GlobalMaxPooling2D',
    { data_format: 'channels_last', keepdims: false },
    x,
    [at(x.shape, -1)],
    name,
  );

export function dense(
  g: Graph,
  x: Tensor,
  units: number,
  o: { activation?: string; kernelInitializer?: Initializer; name?: string } = {},
): Tensor {
  const config = {
    units,
    activation: o.activation ?? 'linear',
    use_bias: true,
    kernel_initializer: o.kernelInitializer ?? glorotUniform(),
    bias_initializer: zeros(),
    kernel_regularizer: null,
    bias_regularizer: null,
    ...NO_TRAINING,
    kernel_constraint: null,
    bias_constraint: null,
  };
  return g.add('Dense', config, x, [...x.shape.slice(0, -1), units], o.name);
}

export const dropout = (g: Graph, x: Tensor, rate: number, name?: string): Tensor =>
  g.add('Dropout', { rate, noise_shape: null, seed: null }, x, x.shape, name);

export const flatten = (g: Graph, x: Tensor, name?: string): Tensor =>
  g.add('Flatten', { data_format: 'channels_last' }, x, [x.shape.reduce((a, b) => a * b, 1)], name);

export const reshape = (g: Graph, x: Tensor, targetShape: number[], name?: string): Tensor =>
  g.add('Reshape', { target_shape: targetShape }, x, targetShape, name);

export const add = (g: Graph, xs: Tensor[], name?: string): Tensor =>
  g.add('Add', {}, xs, at2(xs).shape, name);

export const multiply = (g: Graph, xs: Tensor[], name?: string): Tensor =>
  g.add('Multiply', {}, xs, at2(xs).shape, name);

export function concatenate(g: Graph, xs: Tensor[], name?: string): Tensor {
  const first = at2(xs);
  const channels = xs.reduce((n, t) => n + at(t.shape, -1), 0);
  return g.add('Concatenate', { axis: -1 }, xs, [...first.shape.slice(0, -1), channels], name);
}

export const rescaling = (g: Graph, x: Tensor, scale: number, offset: number): Tensor =>
  g.add('Rescaling', { scale, offset }, x, x.shape);

/** `layers.Normalization(axis)` before `adapt()`: mean and variance are weights, not config. */
export const normalization = (g: Graph, x: Tensor, axis: number): Tensor =>
  g.add('Normalization', { axis: [axis], mean: null, variance: null }, x, x.shape);

function at2(xs: readonly Tensor[]): Tensor {
  const first = xs[0];
  if (first === undefined) throw new Error('a merge layer needs at least one input');
  return first;
}

/** Keras' `imagenet_utils.correct_pad`: the ZeroPadding2D before a stride-2 'valid' window. */
export function correctPad(x: Tensor, kernel: number): [Pair, Pair] {
  const adjust = [1 - (at(x.shape, 0) % 2), 1 - (at(x.shape, 1) % 2)];
  const c = Math.floor(kernel / 2);
  return [
    [c - (adjust[0] ?? 0), c],
    [c - (adjust[1] ?? 0), c],
  ];
}

/** `_make_divisible` / `_depth` of the MobileNets and EfficientNet's `round_filters`. */
export function makeDivisible(v: number, divisor = 8): number {
  let n = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * v) n += divisor;
  return n;
}
