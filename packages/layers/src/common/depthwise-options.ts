import {
  ConfigError,
  formatShape,
  ShapeError,
  type Shape,
  getInitializer,
  serializeInitializer,
  serializeConstraint,
  serializeRegularizer,
  type ConstraintOption,
  type Initializer,
  type RegularizerOption,
  type WeightExtras,
} from '@framewise/core';
import { positiveInt, type InitializerOption } from './options.js';
import { weightTraining } from './training-fields.js';

/** Options of the per-channel (depthwise) kernel of DepthwiseConv2D and the separable convolutions. */
export interface DepthwiseKernelOptions {
  /** Output channels per input channel of the depthwise step. Default 1. */
  depthMultiplier?: number;
  /** Default `glorotUniform`. */
  depthwiseInitializer?: InitializerOption;
  /** Penalty on the depthwise kernel added to the training loss. */
  depthwiseRegularizer?: RegularizerOption;
  /** Projection of the depthwise kernel after each optimizer step. */
  depthwiseConstraint?: ConstraintOption;
}

/** Options of the 1×1 (pointwise) kernel of the separable convolutions. */
export interface PointwiseKernelOptions {
  /** Default `glorotUniform`. */
  pointwiseInitializer?: InitializerOption;
  /** Penalty on the pointwise kernel added to the training loss. */
  pointwiseRegularizer?: RegularizerOption;
  /** Projection of the pointwise kernel after each optimizer step. */
  pointwiseConstraint?: ConstraintOption;
}

/** One resolved kernel: its initializer, regularizer and constraint. */
export interface KernelPart {
  initializer: Initializer;
  training: WeightExtras;
}

/** Resolves `<part>Initializer`, `<part>Regularizer` and `<part>Constraint` of one kernel. */
export function kernelPart(
  options: object,
  part: 'depthwise' | 'pointwise',
  layerName: string,
): KernelPart {
  const init = (options as Record<string, unknown>)[`${part}Initializer`];
  return {
    initializer: getInitializer((init ?? 'glorotUniform') as InitializerOption, layerName),
    training: weightTraining(options, [part], layerName)[part],
  };
}

/** Resolves `depthMultiplier` (default 1). */
export function depthMultiplierOf(options: DepthwiseKernelOptions, layerName: string): number {
  return positiveInt(options.depthMultiplier ?? 1, 'depthMultiplier', layerName);
}

/** The Keras JSON fields of named kernel parts (`depthwise_initializer`, `depthwise_regularizer` ...). */
export function kernelPartsConfig(parts: Record<string, KernelPart>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(parts)) {
    out[`${name}_initializer`] = serializeInitializer(p.initializer);
    out[`${name}_regularizer`] = serializeRegularizer(p.training.regularizer);
    out[`${name}_constraint`] = serializeConstraint(p.training.constraint);
  }
  return out;
}

/**
 * A convolution config without the single-kernel fields: Keras writes
 * `depthwise_*` / `pointwise_*` instead of `kernel_*` for these layers.
 */
export function withoutKernelFields(config: Record<string, unknown>): Record<string, unknown> {
  const { kernel_initializer: _i, kernel_regularizer: _r, kernel_constraint: _c, ...rest } = config;
  return rest;
}

/**
 * Throws a `ConfigError` when `kernelInitializer`, `kernelRegularizer` or
 * `kernelConstraint` is given: these layers have no single kernel (Keras
 * refuses those arguments too), and silently ignoring a regularizer would
 * train a different model than the one asked for.
 */
export function refuseKernelOptions(options: object, layerName: string, instead: string): void {
  const o = options as Record<string, unknown>;
  for (const suffix of ['Initializer', 'Regularizer', 'Constraint']) {
    const given = o[`kernel${suffix}`];
    if (given !== undefined && given !== null) {
      throw new ConfigError(
        `kernel${suffix} does not apply to this layer, which has no single kernel: use ` +
          instead
            .split(', ')
            .map((part) => `${part}${suffix}`)
            .join(' or '),
        layerName,
      );
    }
  }
}

/** The channel count of a convolution input, which must be known to build. */
export function channelsOf(shape: Shape, layerName: string): number {
  const channels = shape[shape.length - 1];
  if (channels === null || channels === undefined) {
    throw new ShapeError(
      `the channel axis of the input must be known to build, received ${formatShape(shape)}`,
      layerName,
    );
  }
  return channels;
}
