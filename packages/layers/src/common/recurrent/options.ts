import {
  ConfigError,
  getInitializer,
  normaliseActivation,
  type ActivationIdentifier,
  type Initializer,
  type ConstraintOption,
  type LayerOptions,
  type RegularizerOption,
  type WeightExtras,
} from '@framewise/core';
import { positiveInt, type InitializerOption } from '../options.js';
import { weightTraining, type KernelTrainingOptions } from '../training-fields.js';

/** Options every recurrent layer takes (tfjs-layers' names and defaults). */
export interface RecurrentLayerOptions extends LayerOptions, KernelTrainingOptions {
  /** Penalty on the recurrent kernel added to the training loss. */
  recurrentRegularizer?: RegularizerOption;
  /** Projection of the recurrent kernel after each optimizer step. */
  recurrentConstraint?: ConstraintOption;
  /** Size of the output and of each state. */
  units: number;
  /** Default `tanh`. */
  activation?: string;
  /** Default true. */
  useBias?: boolean;
  /** Default `glorotNormal` (tfjs-layers; Keras' default is `glorot_uniform`). */
  kernelInitializer?: InitializerOption;
  /** Default `orthogonal`. */
  recurrentInitializer?: InitializerOption;
  /** Default `zeros`. */
  biasInitializer?: InitializerOption;
  /** Fraction of the inputs dropped while training (one mask per call, shared by every step). Default 0. */
  dropout?: number;
  /** Fraction of the recurrent state dropped while training. Default 0. */
  recurrentDropout?: number;
  /** Return the output of every step (`[batch, time, units]`) instead of the last one. Default false. */
  returnSequences?: boolean;
  /** Also return the final states: `[output, ...states]`. Default false. */
  returnState?: boolean;
  /** Process the sequence backwards; with `returnSequences` the sequence comes back reversed. Default false. */
  goBackwards?: boolean;
  /** Keep the last states of each sample for the next call (see `resetStates`). Default false. */
  stateful?: boolean;
  /** Accepted for Keras compatibility; has no effect here (as in tfjs-layers). */
  unroll?: boolean;
  /** Input features; with `inputLength`, the same as `inputShape: [inputLength, inputDim]`. */
  inputDim?: number;
  /** Time steps, when fixed. */
  inputLength?: number;
}

/** Options of gated cells (LSTM, GRU). */
export interface GatedRecurrentOptions extends RecurrentLayerOptions {
  /** Activation of the gates. Default `hardSigmoid` (tfjs-layers and Keras 2; tf.keras 2 uses `sigmoid`). */
  recurrentActivation?: string;
  /** Keras' kernel layout choice (1 or 2); the result is the same, so it is only carried. Default 2. */
  implementation?: number;
}

/** Resolved options of a recurrent layer. */
export interface RecurrentSettings {
  units: number;
  /** Blocks of `units` columns in the kernels: 1 (SimpleRNN), 4 (LSTM: i, f, c, o), 3 (GRU: z, r, h). */
  gates: number;
  /** States per sample: 1 (h) or 2 (LSTM: h, c). */
  stateCount: number;
  activation: ActivationIdentifier;
  useBias: boolean;
  kernelInitializer: Initializer;
  recurrentInitializer: Initializer;
  biasInitializer: Initializer;
  dropout: number;
  recurrentDropout: number;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  unroll: boolean;
  /** Regularizer and constraint of each weight (`recurrent`: the recurrent kernel). */
  training: Record<'kernel' | 'recurrent' | 'bias', WeightExtras>;
}

/** A dropout rate in [0, 1); 0 when absent. */
export function rate(value: unknown, option: string, layerName: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(
      `${option} must be a number in [0, 1), received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return value;
}

/** A boolean option, `fallback` when absent. */
export function flag(value: unknown, option: string, layerName: string, fallback = false): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new ConfigError(
      `${option} must be true or false, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return value;
}

/** Resolves and checks the options every recurrent layer takes (tfjs-layers' defaults). */
export function recurrentSettings(
  opts: RecurrentLayerOptions,
  gates: number,
  stateCount: number,
  name: string,
): RecurrentSettings {
  const init = (o: InitializerOption | undefined, d: InitializerOption) =>
    getInitializer(o ?? d, name);
  return {
    units: positiveInt(opts.units, 'units', name),
    gates,
    stateCount,
    activation: normaliseActivation(opts.activation ?? 'tanh', name),
    useBias: flag(opts.useBias, 'useBias', name, true),
    kernelInitializer: init(opts.kernelInitializer, 'glorotNormal'),
    recurrentInitializer: init(opts.recurrentInitializer, 'orthogonal'),
    biasInitializer: init(opts.biasInitializer, 'zeros'),
    dropout: rate(opts.dropout, 'dropout', name),
    recurrentDropout: rate(opts.recurrentDropout, 'recurrentDropout', name),
    returnSequences: flag(opts.returnSequences, 'returnSequences', name),
    returnState: flag(opts.returnState, 'returnState', name),
    goBackwards: flag(opts.goBackwards, 'goBackwards', name),
    stateful: flag(opts.stateful, 'stateful', name),
    unroll: flag(opts.unroll, 'unroll', name),
    training: weightTraining(opts, ['kernel', 'recurrent', 'bias'], name),
  };
}

/** Resolved options of gated cells (LSTM, GRU). */
export interface GatedSettings {
  recurrentActivation: ActivationIdentifier;
  implementation: number;
}

/** Resolves `recurrentActivation` (default `hardSigmoid`, as tfjs-layers) and `implementation` (default 2). */
export function gatedSettings(
  options: { recurrentActivation?: string; implementation?: number },
  layerName: string,
): GatedSettings {
  const implementation = options.implementation ?? 2;
  if (![0, 1, 2].includes(implementation)) {
    throw new ConfigError(
      `implementation must be 1 or 2, received ${JSON.stringify(options.implementation)}`,
      layerName,
    );
  }
  return {
    recurrentActivation: normaliseActivation(
      options.recurrentActivation ?? 'hardSigmoid',
      layerName,
    ),
    implementation,
  };
}
