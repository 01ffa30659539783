import { ConfigError, fromKerasConfig } from '@framewise/core';

/** Keras fields of BatchNormalization Framewise cannot honour: refused when set, rather than dropped. */
const REFUSED: Record<string, (v: unknown) => boolean> = {
  renorm: (v) => v === true,
  virtual_batch_size: (v) => v !== null && v !== undefined,
  adjustment: (v) => v !== null && v !== undefined,
};

/** Fields that only choose how Keras computes the same numbers (`fused`, `synchronized`), or belong to refused features. */
const IGNORED = ['dtype', 'fused', 'synchronized', 'renorm_clipping', 'renorm_momentum'];

/**
 * tfjs-style options from a Keras `BatchNormalization` config. tf.keras 2
 * writes `axis` as a one-element list once the layer is built (`[3]`): that
 * list is read as its number; a longer one (several feature axes) is refused.
 */
export function batchNormalizationOptionsFromKeras<T>(config: Record<string, unknown>): T {
  const className = 'BatchNormalization';
  const name = String(config['name'] ?? '');
  for (const [key, refused] of Object.entries(REFUSED)) {
    if (refused(config[key])) {
      throw new ConfigError(
        `${className}: ${key} is not supported yet; received ${JSON.stringify(config[key])}`,
        name,
      );
    }
  }
  const options = fromKerasConfig(config, [...IGNORED, ...Object.keys(REFUSED)]);
  const axis = options['axis'];
  if (Array.isArray(axis)) {
    if (axis.length !== 1) {
      throw new ConfigError(
        `${className}: axis must be one axis, received ${JSON.stringify(axis)}`,
        name,
      );
    }
    options['axis'] = axis[0];
  }
  return options as T;
}
