/**
 * The version mapping module: every difference between Keras 1, 2 and 3,
 * tf.keras, tfjs-layers and Framewise that the readers and writers need lives
 * in this folder and nowhere else.
 * - `read-config.ts`: which flavour a file is; config fields, DTypePolicy,
 *   `module`/`registered_name`, inbound node forms and activations mapped to
 *   what core reads.
 * - `keras3-config.ts`: the same the other way, for writing `.keras` files.
 * - `weight-names.ts`: how each version names and groups weights.
 */
export {
  CODE_LAYERS,
  flavourOf,
  IGNORED_FIELDS,
  normaliseLayer,
  normaliseTopology,
  type Flavour,
  type Warn,
} from './read-config.js';
export { keras3Config, snakeClass } from './keras3-config.js';
export { keras2WeightName, keras3Groups, tfjsWeightNames, type VarGroup } from './weight-names.js';
