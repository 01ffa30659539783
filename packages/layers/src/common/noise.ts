import * as tf from '@tensorflow/tfjs-core';
import {
  at,
  ConfigError,
  formatShape,
  seededRandom,
  ShapeError,
  type CallOptions,
  type LayerOptions,
  type StepLayout,
  type Tensors,
} from '@framewise/core';
import { ElementwiseLayer, passThrough } from './elementwise.js';

/** Options every noise layer takes besides its amount. */
export interface NoiseOptions extends LayerOptions {
  /**
   * Makes the noise repeatable: the same sequence of draws for every layer
   * made with this value. Each call still draws new noise (so every step of a
   * sequence gets its own), unlike Dropout's `seed`, which repeats one draw.
   */
  seed?: number;
}

/**
 * Base of the layers that add or multiply noise while training and pass values
 * through otherwise (GaussianNoise, GaussianDropout, AlphaDropout, the Spatial
 * dropouts). Inside TimeDistributed, every step gets its own noise, as Keras'
 * call per step would; with the wrapper's `noise: 'shared'`, one draw per
 * sample is reused at every step.
 */
export abstract class NoiseLayer extends ElementwiseLayer {
  readonly seed: number | undefined;
  private readonly nextSeed: (() => number) | undefined;

  constructor(options: NoiseOptions) {
    super(options);
    const { seed } = options;
    if (seed !== undefined && !Number.isFinite(seed)) {
      throw new ConfigError(`seed must be a number, received ${JSON.stringify(seed)}`, this.name);
    }
    this.seed = seed;
    if (seed !== undefined) {
      const random = seededRandom(seed);
      this.nextSeed = () => Math.floor(random() * 2 ** 31);
    }
  }

  /** False when the amount makes the layer an identity even while training (rate 0). */
  protected abstract get active(): boolean;

  /** Fresh noise of a shape (`uniform` or `normal` below, transformed as the layer needs). */
  protected abstract drawNoise(shape: number[]): tf.Tensor;

  /** The noisy values: `x` with `noise` (of `noiseShape(x.shape)`, broadcast) applied. */
  protected abstract applyNoise(x: tf.Tensor, noise: tf.Tensor): tf.Tensor;

  /** The shape of the noise for an input shape; every value its own draw unless overridden. */
  protected noiseShape(shape: number[]): number[] {
    return shape.slice();
  }

  /** Uniform [0, 1) noise, from the seeded sequence when there is one. */
  protected uniform(shape: number[]): tf.Tensor {
    return tf.randomUniform(shape, 0, 1, 'float32', this.nextSeed?.());
  }

  /** N(mean, stddev²) noise, from the seeded sequence when there is one. */
  protected normal(shape: number[], mean: number, stddev: number): tf.Tensor {
    return tf.randomNormal(shape, mean, stddev, 'float32', this.nextSeed?.());
  }

  /** The merged batch is split back only to share noise across steps. */
  override readsStepLayout(training: boolean): boolean {
    return training && this.active;
  }

  override call(inputs: Tensors, options: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    if (!options.training || !this.active) return passThrough(x);
    return this.applyNoise(x, this.noiseFor(x.shape, options.steps));
  }

  /**
   * Noise of `noiseShape(shape)`. When a TimeDistributed wrapper
   * merged steps into the batch and asked for `shared` noise, one draw per sample
   * `[batch, 1..., ...]` is repeated over its steps and merged again.
   */
  private noiseFor(shape: number[], steps: StepLayout | undefined): tf.Tensor {
    const noise = this.noiseShape(shape);
    if (steps === undefined || steps.noise !== 'shared') return this.drawNoise(noise);
    const lead = steps.lead;
    if (lead.reduce((a, b) => a * b, 1) !== shape[0]) {
      throw new ShapeError(
        `the step layout ${formatShape(lead)} does not cover the merged batch of ${formatShape(shape)}`,
        this.name,
      );
    }
    const rest = noise.slice(1);
    const perSample = this.drawNoise([
      at(lead, 0, 'batch of the step layout'),
      ...lead.slice(1).map(() => 1),
      ...rest,
    ]);
    return tf.reshape(tf.broadcastTo(perSample, [...lead, ...rest]), [
      at(shape, 0, 'merged batch'),
      ...rest,
    ]);
  }
}

/** Throws `ConfigError` unless `rate` is a number in [0, 1). */
export function dropRate(rate: unknown, layerName: string): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new ConfigError(
      `rate must be a number in [0, 1), received ${JSON.stringify(rate)}`,
      layerName,
    );
  }
  return rate;
}

/** A 0 / 1 keep mask of `shape` from uniform noise: 1 with probability `1 − rate` (u ≥ rate, as Keras). */
export function keepMask(uniform: tf.Tensor, rate: number): tf.Tensor {
  return tf.floor(tf.add(uniform, 1 - rate));
}
