import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  Layer,
  type CallOptions,
  type LayerOptions,
  type LayerPlugin,
  type Shape,
  type Shapes,
  type Tensors,
} from '@framewise/core';
import { optionsFromKeras, positiveInt } from '../common/options.js';
import { channelsLastOnly, spatialInputHint, type DataFormat } from '../common/spatial-options.js';

/** Zeros before and after each spatial axis: `[[top, bottom], [left, right]]`. */
export type Padding2D = [[number, number], [number, number]];

/** Options of `zeroPadding2d()` (tfjs-layers' names). */
export interface ZeroPadding2DOptions extends LayerOptions {
  /**
   * Default 1. A number pads every side by it; `[h, w]` pads top and bottom
   * by `h`, left and right by `w`; `[[top, bottom], [left, right]]` sets each side.
   */
  padding?: number | [number, number] | Padding2D;
  /** Only `channelsLast` (`[batch, height, width, channels]`). */
  dataFormat?: DataFormat;
}

function parsePadding(value: unknown, layerName: string): Padding2D {
  const pair = (v: unknown, option: string): [number, number] => {
    if (typeof v === 'number') {
      const n = positiveInt(v, option, layerName, 0);
      return [n, n];
    }
    if (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number')) {
      return [
        positiveInt(v[0], `${option}[0]`, layerName, 0),
        positiveInt(v[1], `${option}[1]`, layerName, 0),
      ];
    }
    throw new ConfigError(
      `${option} must be a number or [before, after], received ${JSON.stringify(v)}`,
      layerName,
    );
  };
  if (typeof value === 'number') return [pair(value, 'padding'), pair(value, 'padding')];
  if (Array.isArray(value) && value.length === 2) {
    return [pair(value[0], 'padding[0]'), pair(value[1], 'padding[1]')];
  }
  throw new ConfigError(
    `padding must be a number, [height, width] or [[top, bottom], [left, right]], received ${JSON.stringify(value)}`,
    layerName,
  );
}

/** Adds rows and columns of zeros around `[batch, height, width, channels]` images. */
export class ZeroPadding2D extends Layer {
  static override readonly className = 'ZeroPadding2D';
  readonly padding: Padding2D;

  constructor(options: ZeroPadding2DOptions = {}) {
    const opts = options ?? {};
    super(opts);
    this.padding = parsePadding(opts.padding ?? 1, this.name);
    channelsLastOnly(opts.dataFormat, this.name);
    this.inputSpec = { ndim: 4, describe: spatialInputHint(2, 'zeroPadding2d') };
  }

  override computeOutputShape(inputShape: Shapes): Shape {
    const [batch = null, h = null, w = null, channels = null] = inputShape as Shape;
    const [[top, bottom], [left, right]] = this.padding;
    return [
      batch,
      h === null ? null : h + top + bottom,
      w === null ? null : w + left + right,
      channels,
    ];
  }

  override call(inputs: Tensors, _options: CallOptions): tf.Tensor {
    return tf.pad(inputs as tf.Tensor4D, [[0, 0], this.padding[0], this.padding[1], [0, 0]]);
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      padding: this.padding.map((p) => p.slice()),
      data_format: 'channels_last',
    };
  }
}

/** A ZeroPadding2D layer: `zeroPadding2d({padding: [[1, 0], [1, 0]]})` pads the top and left by one. */
export function zeroPadding2d(options: ZeroPadding2DOptions = {}): ZeroPadding2D {
  return new ZeroPadding2D(options);
}

/** Registry entry for `ZeroPadding2D`. */
export const zeroPadding2dPlugin: LayerPlugin<ZeroPadding2DOptions> = {
  className: 'ZeroPadding2D',
  create: zeroPadding2d,
  fromConfig: (config) =>
    new ZeroPadding2D(optionsFromKeras<ZeroPadding2DOptions>(config, 'ZeroPadding2D')),
};
