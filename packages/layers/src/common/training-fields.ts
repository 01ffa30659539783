import { ConfigError } from '@framewise/core';
import { optionsFromKeras } from './options.js';

/**
 * tfjs-style options from a Keras config whose layer has training-only fields
 * beyond the kernel ones `optionsFromKeras` knows (`embeddings_regularizer`,
 * `gamma_constraint` ...). Like those, a non-null value is refused rather than
 * silently dropped: the model would not train as its author meant.
 */
export function optionsWithoutTrainingFields<T>(
  config: Record<string, unknown>,
  className: string,
  fields: readonly string[],
): T {
  const rest: Record<string, unknown> = { ...config };
  for (const key of fields) {
    if (rest[key] !== null && rest[key] !== undefined) {
      throw new ConfigError(
        `${className}: ${key} is not supported yet; received ${JSON.stringify(rest[key])}`,
        String(config['name'] ?? ''),
      );
    }
    delete rest[key];
  }
  return optionsFromKeras<T>(rest, className);
}
