import { at, ConfigError, formatShape, ShapeError, type Shape } from '@framewise/core';
import { convOutputLength, type Padding } from '../conv-arithmetic.js';
import { oneOf, positiveInt, tuple } from '../options.js';
import { channelsLastOnly, type DataFormat } from '../spatial-options.js';
import type { GatedRecurrentOptions } from './options.js';

/** Options of ConvLSTM1D and ConvLSTM2D (tfjs-layers' names and defaults); each narrows the tuples. */
export interface ConvLSTMOptions extends Omit<
  GatedRecurrentOptions,
  'units' | 'implementation' | 'inputDim' | 'inputLength'
> {
  /** Channels of the output and of each state. */
  filters: number;
  kernelSize: number | number[];
  /** Strides of the input convolution. Default 1. */
  strides?: number | number[];
  /** Padding of the input convolution (the recurrent one is always `same`). Default `valid`. */
  padding?: Padding;
  /** Only `channelsLast`. */
  dataFormat?: DataFormat;
  /** Dilation of the input convolution; cannot be combined with strides above 1. Default 1. */
  dilationRate?: number | number[];
  /** Start the forget gate's bias at 1. Default false, as tfjs-layers (Keras: true). */
  unitForgetBias?: boolean;
}

/** The recurrent base's options: `filters` checked, then carried as its `units`. */
export function withUnits(options: ConvLSTMOptions): GatedRecurrentOptions {
  const opts = options ?? ({} as ConvLSTMOptions);
  return { ...opts, units: positiveInt(opts.filters, 'filters', opts.name ?? '') };
}

/** Resolved geometry of the input convolution, one entry per spatial axis. */
export interface ConvLSTMGeometry {
  rank: 1 | 2;
  kernelSize: number[];
  strides: number[];
  dilationRate: number[];
  padding: Padding;
}

/** Checks and resolves the convolution options (tfjs-layers' defaults). */
export function convLSTMGeometry(
  opts: ConvLSTMOptions,
  rank: 1 | 2,
  layerName: string,
): ConvLSTMGeometry {
  const strides = tuple(opts.strides ?? 1, rank, 'strides', layerName);
  const dilationRate = tuple(opts.dilationRate ?? 1, rank, 'dilationRate', layerName);
  channelsLastOnly(opts.dataFormat, layerName);
  if (strides.some((s) => s > 1) && dilationRate.some((d) => d > 1)) {
    throw new ConfigError(
      `strides ${JSON.stringify(strides)} and dilationRate ${JSON.stringify(dilationRate)}: one of them must be 1`,
      layerName,
    );
  }
  return {
    rank,
    kernelSize: tuple(opts.kernelSize, rank, 'kernelSize', layerName),
    strides,
    dilationRate,
    padding: oneOf(opts.padding ?? 'valid', ['valid', 'same'] as const, 'padding', layerName),
  };
}

/**
 * Spatial size of the output and states for an input `[batch, time,
 * ...spatial, channels]`; `null` stays `null`. Throws when the kernel does not fit.
 */
export function convLSTMOutputMap(
  g: ConvLSTMGeometry,
  x: Shape,
  layerName: string,
): (number | null)[] {
  const spatial = x.slice(2, 2 + g.rank);
  const out = spatial.map((n, i) =>
    convOutputLength(
      n,
      at(g.kernelSize, i, 'kernel size'),
      g.padding,
      at(g.strides, i, 'stride'),
      at(g.dilationRate, i, 'dilation rate'),
    ),
  );
  if (out.some((n) => n !== null && n < 1)) {
    throw new ShapeError(
      `kernel ${g.kernelSize.join('×')} (dilation ${g.dilationRate.join('×')}) does not fit ` +
        `frames of ${spatial.map((n) => n ?? 'None').join('×')} with padding '${g.padding}' ` +
        `(input ${formatShape(x)})`,
      layerName,
    );
  }
  return out;
}

/** The Keras JSON fields of the geometry (tf.keras 2's names). */
export function convLSTMGeometryConfig(g: ConvLSTMGeometry): Record<string, unknown> {
  return {
    kernel_size: g.kernelSize.slice(),
    strides: g.strides.slice(),
    padding: g.padding,
    data_format: 'channels_last',
    dilation_rate: g.dilationRate.slice(),
  };
}
