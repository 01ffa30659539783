import {
  ConfigError,
  serializeInitializer,
  type ActivationIdentifier,
  type Regularizer,
} from '@framewise/core';
import { weightTrainingConfig } from '../training-fields.js';
import { optionsFromKeras } from '../options.js';
import type { GatedSettings, RecurrentSettings } from './options.js';

/** Keras' snake_case spelling of an activation name (`hardSigmoid` -> `hard_sigmoid`). */
export function kerasActivation(name: ActivationIdentifier): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The Keras JSON fields every recurrent layer writes (SimpleRNN's set; LSTM and GRU add theirs). */
export function recurrentConfig(
  s: RecurrentSettings,
  activity: Regularizer | undefined,
): Record<string, unknown> {
  return {
    units: s.units,
    activation: kerasActivation(s.activation),
    use_bias: s.useBias,
    kernel_initializer: serializeInitializer(s.kernelInitializer),
    recurrent_initializer: serializeInitializer(s.recurrentInitializer),
    bias_initializer: serializeInitializer(s.biasInitializer),
    ...weightTrainingConfig(
      { kernel: s.training.kernel, recurrent: s.training.recurrent, bias: s.training.bias },
      { activity },
    ),
    dropout: s.dropout,
    recurrent_dropout: s.recurrentDropout,
    return_sequences: s.returnSequences,
    return_state: s.returnState,
    go_backwards: s.goBackwards,
    stateful: s.stateful,
    unroll: s.unroll,
  };
}

/** The Keras JSON fields of `GatedSettings`. */
export function gatedConfig(g: GatedSettings): Record<string, unknown> {
  return {
    recurrent_activation: kerasActivation(g.recurrentActivation),
    implementation: g.implementation,
  };
}

/** Fields some Keras versions write that change nothing here (Keras 3's dropout seed and cuDNN switch). */
const IGNORED = ['seed', 'use_cudnn'];

/**
 * tfjs-style options from a recurrent layer's Keras config. Refuses what would
 * change the numbers but is not implemented (`time_major`,
 * `zero_output_for_mask`) rather than dropping it silently.
 */
export function recurrentOptionsFromKeras<T>(
  config: Record<string, unknown>,
  className: string,
): T {
  const refuse = (key: string, why: string): never => {
    throw new ConfigError(
      `${className}: ${key} ${why}; received ${JSON.stringify(config[key])}`,
      String(config['name'] ?? ''),
    );
  };
  if (config['time_major'] === true)
    refuse('time_major', 'must be false: inputs are [batch, time, features]');
  if (config['zero_output_for_mask'] === true) {
    refuse(
      'zero_output_for_mask',
      'is not supported yet (masked steps repeat the previous output)',
    );
  }
  const rest = Object.fromEntries(
    Object.entries(config).filter(
      ([k]) => ![...IGNORED, 'time_major', 'zero_output_for_mask'].includes(k),
    ),
  );
  return optionsFromKeras<T>(rest, className);
}
