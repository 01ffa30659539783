import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  getActivation,
  InternalError,
  Layer,
  required,
  ShapeError,
  formatShape,
  type CallOptions,
  type LayerOptions,
  type LayerVariable,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { convOutputLength } from './conv-arithmetic.js';
import {
  kernelSettings,
  kernelSettingsConfig,
  oneOf,
  positiveInt,
  tuple,
  type InitializerOption,
  type KernelSettings,
} from './options.js';
import {
  connectionMask,
  maskedLocalProduct,
  type ConnectionMask,
} from './locally-connected-masked.js';
import { channelsLastOnly } from './spatial-options.js';
import type { KernelTrainingOptions } from './training-fields.js';

/** Options every locally connected layer takes (Keras 2's names, camelCased). */
export interface LocallyConnectedOptions extends LayerOptions, KernelTrainingOptions {
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  /** Only `valid` (Keras 2's only padding for implementation 1). */
  padding?: 'valid';
  /** Only `channelsLast`. */
  dataFormat?: 'channelsLast';
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: InitializerOption;
  biasInitializer?: InitializerOption;
  /**
   * Keras 2's kernel layout: 1 (the default), one `[taps × channels, filters]`
   * matrix per output position; 2, one dense
   * `[...inputSizes, channels, ...outputSizes, filters]` kernel of which only
   * each window's entries are used. Keras' 3 (a sparse kernel) is refused.
   */
  implementation?: number;
}

/**
 * Base of LocallyConnected1D and LocallyConnected2D: a convolution whose
 * weights are not shared, so each output position has its own kernel.
 * Weights in Keras 2's layouts: `kernel`
 * `[positions, kernelTaps × channels, filters]` with the taps flattened
 * row-major then channels (implementation 1), or the masked dense kernel of
 * implementation 2; `bias` `[...outputSizes, filters]` for both. The
 * spatial sizes of the input must be known to build.
 */
export abstract class LocallyConnected extends Layer {
  readonly filters: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding = 'valid' as const;
  readonly implementation: 1 | 2;
  readonly settings: KernelSettings;
  protected kernel: LayerVariable | undefined;
  protected bias: LayerVariable | undefined;
  private readonly describe: string;
  private mask: ConnectionMask | undefined;

  constructor(options: LocallyConnectedOptions, rank: 1 | 2, describe: string) {
    const opts = options ?? ({} as LocallyConnectedOptions);
    super(opts);
    this.describe = describe;
    this.filters = positiveInt(opts.filters, 'filters', this.name);
    this.kernelSize = tuple(opts.kernelSize, rank, 'kernelSize', this.name);
    this.strides = tuple(opts.strides ?? 1, rank, 'strides', this.name);
    oneOf(opts.padding ?? 'valid', ['valid'], 'padding', this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    const implementation = opts.implementation ?? 1;
    if (implementation !== 1 && implementation !== 2) {
      throw new ConfigError(
        `implementation must be 1 or 2 (Keras 2's per-position and masked dense kernel ` +
          `layouts), received ${JSON.stringify(implementation)}: implementation 3 stores a sparse ` +
          `kernel; rebuild the layer with implementation=1 in Keras, move the trained weights ` +
          `into its layout and save again`,
        this.name,
      );
    }
    this.implementation = implementation;
    this.settings = kernelSettings(opts, this.name);
    this.inputSpec = { ndim: rank + 2, describe };
  }

  /** Output sizes per spatial axis (`null` stays `null`). */
  private outputSizes(shape: Shape): (number | null)[] {
    return this.kernelSize.map((k, i) =>
      convOutputLength(shape[i + 1] ?? null, k, 'valid', at(this.strides, i, 'stride'), 1),
    );
  }

  /** Known output sizes, or a ShapeError: unshared weights need every position. */
  private knownOutputSizes(shape: Shape): number[] {
    const sizes = this.outputSizes(shape);
    const known = sizes.filter((n): n is number => n !== null);
    const channels = shape[shape.length - 1];
    if (known.length !== sizes.length || channels === null || channels === undefined) {
      throw new ShapeError(
        `the spatial and channel axes of the input must be known to build (each output position ` +
          `has its own kernel), received ${formatShape(shape)}`,
        this.name,
      );
    }
    return known;
  }

  override build(inputShape: Shapes): void {
    const shape = inputShape as Shape;
    const out = this.knownOutputSizes(shape);
    this.checkFits(out, shape);
    const channels = at(shape, shape.length - 1, 'channels') ?? 0;
    const positions = out.reduce((n, d) => n * d, 1);
    const taps = this.kernelSize.reduce((n, k) => n * k, 1);
    const s = this.settings;
    const spatial = shape.slice(1, -1).map((d) => d ?? 0);
    if (this.implementation === 2) {
      this.mask = connectionMask(spatial, out, this.kernelSize, this.strides);
    }
    this.kernel = this.addWeight(
      'kernel',
      this.implementation === 2
        ? [...spatial, channels, ...out, this.filters]
        : [positions, taps * channels, this.filters],
      s.kernelInitializer,
      true,
      s.training.kernel,
    );
    if (s.useBias) {
      // Keras 2: [output_length, filters] for 1-D, [rows, cols, filters] for 2-D.
      this.bias = this.addWeight(
        'bias',
        [...out, this.filters],
        s.biasInitializer,
        true,
        s.training.bias,
      );
    }
    const axes: Record<number, number> = {};
    shape.slice(1).forEach((d, i) => {
      if (d !== null) axes[i + 1] = d;
    });
    this.inputSpec = { ndim: shape.length, axes, describe: this.describe };
  }

  private checkFits(out: (number | null)[], shape: Shape): void {
    if (out.some((n) => n !== null && n < 1)) {
      throw new ShapeError(
        `kernel ${this.kernelSize.join('×')} does not fit an input of ` +
          `${shape
            .slice(1, -1)
            .map((n) => n ?? 'None')
            .join('×')} with padding 'valid' ` +
          `(input ${formatShape(shape)})`,
        this.name,
      );
    }
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const shape = inputShape as Shape;
    const out = this.outputSizes(shape);
    this.checkFits(out, shape);
    return [shape[0] ?? null, ...out, this.filters];
  }

  /** Every output position: kernel taps × channels × filters, as a convolution (the weights differ, not the work). */
  override macs(inputShape: Shapes): number {
    const shape = inputShape as Shape;
    const positions = this.outputSizes(shape).reduce<number>((n, d) => n * (d ?? 0), 1);
    const taps = this.kernelSize.reduce((n, k) => n * k, 1);
    return positions * taps * (shape[shape.length - 1] ?? 0) * this.filters;
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const kernel = required(this.kernel, 'kernel').value;
    const out = this.knownOutputSizes(x.shape);
    const y = this.mask
      ? maskedLocalProduct(x, kernel, this.mask, out, this.filters)
      : this.perPosition(x, kernel, out);
    const biased = this.bias ? tf.add(y, this.bias.value) : y;
    return getActivation(this.settings.activation)(biased);
  }

  /** Implementation 1: one matrix product per output position, batched. */
  private perPosition(x: tf.Tensor, kernel: tf.Tensor, out: number[]): tf.Tensor {
    const batch = at(x.shape, 0, 'batch');
    const positions = at(kernel.shape, 0, 'kernel positions');
    const features = at(kernel.shape, 1, 'kernel features');
    // [batch, ...out, taps·channels] → [positions, batch, features]: one matrix product per position.
    const patches = tf.transpose(
      tf.reshape(this.patches(x, out), [batch, positions, features]),
      [1, 0, 2],
    );
    const perPosition = tf.matMul(patches as tf.Tensor3D, kernel as tf.Tensor3D);
    return tf.reshape(tf.transpose(perPosition, [1, 0, 2]), [batch, ...out, this.filters]);
  }

  /**
   * `[batch, ...out, taps × channels]`: for every output position the input
   * window flattened as Keras 2 does (taps row-major, then channels). Built
   * from one strided view of the input per kernel tap (slices and reshapes
   * only, so every backend has the gradient), not one slice per position.
   */
  private patches(x: tf.Tensor, out: number[]): tf.Tensor {
    const rank = out.length;
    const batch = at(x.shape, 0, 'batch');
    const channels = at(x.shape, rank + 1, 'channels');
    // Pads the end by stride - 1 so every strided view can take out × stride entries.
    const padded = tf.pad(x, [
      [0, 0],
      ...this.strides.map((s): [number, number] => [0, s - 1]),
      [0, 0],
    ]);
    const views: tf.Tensor[] = [];
    for (const offset of offsets(this.kernelSize)) {
      const window = tf.slice(
        padded,
        [0, ...offset, 0],
        [batch, ...out.map((o, i) => o * at(this.strides, i, 'stride')), channels],
      );
      // Splits each spatial axis into [out, stride] and keeps index 0 of the stride axis.
      const split = tf.reshape(window, [
        batch,
        ...out.flatMap((o, i) => [o, at(this.strides, i, 'stride')]),
        channels,
      ]);
      const picked = tf.slice(split, Array<number>(2 * rank + 2).fill(0), [
        batch,
        ...out.flatMap((o) => [o, 1]),
        channels,
      ]);
      views.push(tf.reshape(picked, [batch, ...out, channels]));
    }
    if (views.length === 0) throw new InternalError('a kernel with no taps');
    return views.length === 1 ? at(views, 0, 'view') : tf.concat(views, rank + 1);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernel_size: this.kernelSize.slice(),
      strides: this.strides.slice(),
      padding: this.padding,
      data_format: 'channels_last',
      ...kernelSettingsConfig(this.settings, this.activityRegularizer),
      implementation: this.implementation,
    };
  }
}

/** Every kernel tap offset, row-major: `[[0, 0], [0, 1], ..., [kh - 1, kw - 1]]`. */
function offsets(kernelSize: number[]): number[][] {
  return kernelSize.reduce<number[][]>(
    (acc, k) => acc.flatMap((prefix) => Array.from({ length: k }, (_, i) => [...prefix, i])),
    [[]],
  );
}
