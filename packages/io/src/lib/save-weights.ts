import { Model, WRITER_VERSION } from '@framewise/core';
import { asModelFileError, ModelFileError } from './errors.js';
import { writeKeras2Weights, writeKeras3Weights } from './formats/h5-weights.js';
import { writeHdf5 } from './hdf5.js';
import type { SaveWeightsOptions } from './types.js';
import { writeFilesAtomically } from './write.js';

/**
 * Writes a model's weights to an HDF5 file, in Keras 2 `save_weights` layout
 * (`layer_names`/`weight_names`; Keras 2 and Keras 3 `load_weights` read it
 * from a name ending in `.h5`) or Keras 3 layout (`layers/<class>/vars/<i>`;
 * the default for names ending in `.weights.h5`, as Keras 3 requires).
 * Written to a temporary name, then renamed (see `writeFilesAtomically`), so the
 * previous file stays whole on failure. `model.saveWeights()` does the same.
 */
export async function saveWeights(
  model: Model,
  target: string,
  options: SaveWeightsOptions = {},
): Promise<string[]> {
  if (!(model instanceof Model)) {
    throw new ModelFileError(
      String(target),
      undefined,
      `saveWeights() expects a Framewise Model, received ${String(model)}`,
    );
  }
  model.throwIfDisposed('saveWeights');
  const layout = options.layout ?? (/\.weights\.h5$/i.test(target) ? 'keras3' : 'keras2');
  if (layout !== 'keras2' && layout !== 'keras3') {
    throw new ModelFileError(
      target,
      undefined,
      `layout must be 'keras2' or 'keras3', received ${JSON.stringify(layout)}`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await writeHdf5((root) =>
      layout === 'keras3'
        ? writeKeras3Weights(model, root)
        : writeKeras2Weights(model, root, WRITER_VERSION),
    );
  } catch (e) {
    throw asModelFileError(e, target);
  }
  return writeFilesAtomically([{ path: target, bytes }]);
}
