import {
  ConfigError,
  fromKerasConfig,
  getInitializer,
  normaliseActivation,
  serializeInitializer,
  type ActivationIdentifier,
  type Initializer,
  type InitializerIdentifier,
  type Regularizer,
  type SerializedInitializer,
  type WeightExtras,
} from '@framewise/core';
import {
  weightTraining,
  weightTrainingConfig,
  type KernelTrainingOptions,
} from './training-fields.js';

/** Anything an `*Initializer` option accepts. */
export type InitializerOption = InitializerIdentifier | SerializedInitializer | Initializer;

/** Throws `ConfigError` unless `value` is an integer ≥ `min`. */
export function positiveInt(value: unknown, option: string, layerName: string, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConfigError(
      `${option} must be an integer ≥ ${min}, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return value;
}

/** A size per spatial axis from a number or a tuple (`3` -> `[3, 3]`), each an integer ≥ 1. */
export function tuple(value: unknown, rank: number, option: string, layerName: string): number[] {
  const list = typeof value === 'number' ? Array<number>(rank).fill(value) : value;
  if (!Array.isArray(list) || list.length !== rank) {
    throw new ConfigError(
      `${option} must be a number or ${rank} numbers, received ${JSON.stringify(value)}`,
      layerName,
    );
  }
  return list.map((v, i) => positiveInt(v, `${option}[${i}]`, layerName));
}

/** Checks a string option against its allowed values. */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  option: string,
  layerName: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ConfigError(
    `${option} must be one of ${allowed.join(', ')}, received ${JSON.stringify(value)}`,
    layerName,
  );
}

/** Resolved activation, initializers, bias flag, regularizers and constraints of layers with a kernel. */
export interface KernelSettings {
  activation: ActivationIdentifier;
  useBias: boolean;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  /** Regularizer and constraint of each weight, for `addWeight`. */
  training: Record<'kernel' | 'bias', WeightExtras>;
}

/** Resolves the options every kernel layer has (tfjs-layers' defaults). */
export function kernelSettings(
  options: KernelTrainingOptions & {
    activation?: string;
    useBias?: boolean;
    kernelInitializer?: InitializerOption;
    biasInitializer?: InitializerOption;
  },
  layerName: string,
): KernelSettings {
  return {
    activation: normaliseActivation(options.activation ?? 'linear', layerName),
    useBias: options.useBias ?? true,
    kernelInitializer: getInitializer(options.kernelInitializer ?? 'glorotUniform', layerName),
    biasInitializer: getInitializer(options.biasInitializer ?? 'zeros', layerName),
    training: weightTraining(options, ['kernel', 'bias'], layerName),
  };
}

/** The Keras JSON fields of `KernelSettings`, with the layer's activity regularizer. */
export function kernelSettingsConfig(
  s: KernelSettings,
  activity: Regularizer | undefined,
): Record<string, unknown> {
  return {
    activation: s.activation.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase(),
    use_bias: s.useBias,
    kernel_initializer: serializeInitializer(s.kernelInitializer),
    bias_initializer: serializeInitializer(s.biasInitializer),
    ...weightTrainingConfig(s.training, { activity }),
  };
}

/**
 * tfjs-style options from a Keras config. Regularizer and constraint fields
 * (`kernel_regularizer`, `activity_regularizer` ...) pass through as
 * options, which the layers resolve in any Keras spelling.
 */
export function optionsFromKeras<T>(config: Record<string, unknown>, className: string): T {
  void className;
  return fromKerasConfig(config, ['dtype']) as T;
}
