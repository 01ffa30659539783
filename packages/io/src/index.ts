/**
 * Model files for Framewise: Keras `to_json`, Keras 3 `.keras`, legacy Keras
 * `.h5` (full models and `save_weights` files) and TensorFlow.js layers
 * `model.json` with weight shards; load and save.
 *
 * Importing this package also enables `model.save()`, `model.saveWeights()`
 * and `model.loadWeights()` on core models.
 *
 * @packageDocumentation
 */
export { ModelFileError } from './lib/errors.js';
export { DEFAULT_LIMITS } from './lib/limits.js';
export type { IoLimits } from './lib/limits.js';
export type {
  LoadModelOptions,
  LoadWeightsOptions,
  ModelFormat,
  ModelSource,
  SaveFormat,
  SaveModelOptions,
  SaveWeightsOptions,
  UnknownFieldsPolicy,
} from './lib/types.js';
export { detectFormat } from './lib/detect.js';
export { loadModel } from './lib/load-model.js';
export { loadWeights } from './lib/load-weights.js';
export { saveModel } from './lib/save-model.js';
export { saveWeights } from './lib/save-weights.js';
export { writeFilesAtomically } from './lib/write.js';
import './lib/register-hooks.js';
