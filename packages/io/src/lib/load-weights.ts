import { Model } from '@framewise/core';
import { asModelFileError, ModelFileError } from './errors.js';
import { loadContext } from './context.js';
import { sniff } from './detect.js';
import { keras2Assignments, keras3Assignments, weightsLayout } from './formats/h5-weights.js';
import { kerasZipWeights } from './formats/keras-zip.js';
import { readTfjsWeights } from './formats/tfjs-layers.js';
import { group, readHdf5 } from './hdf5.js';
import { resolveSource } from './source.js';
import type { LoadWeightsOptions, ModelSource } from './types.js';
import { recoverInterruptedSaves } from './write.js';
import { tfjsWeightNames } from './versions/index.js';
import { assignWeights, byNameOrOrder } from './weights.js';

/**
 * Replaces a model's weights with those of a file: a `save_weights` `.h5`
 * (Keras 2 layout, matched by layer order like Keras; or Keras 3
 * `.weights.h5` layout, matched by path), a legacy `.h5` model, a `.keras`
 * file or a tfjs `model.json` with its shards (matched by name, else by order).
 *
 * All or nothing: every weight's shape is checked before any is assigned; on
 * error (`ModelFileError`, naming the file and the dataset or shard) the
 * model keeps its weights. `model.loadWeights(source)` does the same.
 */
export async function loadWeights(
  model: Model,
  source: ModelSource,
  options: LoadWeightsOptions = {},
): Promise<void> {
  if (!(model instanceof Model)) {
    throw new ModelFileError(
      '<model>',
      undefined,
      `loadWeights() expects a Framewise Model, received ${String(model)}`,
    );
  }
  model.throwIfDisposed('loadWeights');
  await loadWeightsInto(model, source, options);
}

/** `loadWeights` without the argument check; shared with `loadModel(json, {weights})`. */
export async function loadWeightsInto(
  model: Model,
  source: ModelSource,
  options: LoadWeightsOptions,
): Promise<void> {
  // A save killed midway left the previous files set aside: put them back before reading.
  await recoverInterruptedSaves(source);
  const resolved = await resolveSource(source, 'weights');
  try {
    await loadResolved(model, resolved, options);
  } catch (e) {
    throw asModelFileError(e, resolved.name);
  }
}

async function loadResolved(
  model: Model,
  resolved: Awaited<ReturnType<typeof resolveSource>>,
  options: LoadWeightsOptions,
): Promise<void> {
  const ctx = loadContext(resolved.name, options);
  const file = resolved.name;
  const sniffed = await sniff(resolved.bytes, file, ctx.limits);
  switch (sniffed.format) {
    case 'weights-h5':
    case 'legacy-h5':
      return readHdf5(
        resolved.bytes,
        file,
        (root) => {
          const base =
            sniffed.format === 'legacy-h5'
              ? group(root, 'model_weights', { file, location: '/model_weights' })
              : root;
          if (!base)
            throw new ModelFileError(
              file,
              '/model_weights',
              'missing group: the file has no weights',
            );
          const layout = weightsLayout(base);
          const where = sniffed.format === 'legacy-h5' ? '/model_weights' : '';
          if (layout === 'keras2')
            assignWeights(keras2Assignments(model, base, where, file, ctx.limits), file);
          else if (layout === 'keras3')
            assignWeights(keras3Assignments(model, base, file, ctx.limits), file);
          else
            throw new ModelFileError(
              file,
              where || '/',
              'no Keras weights: neither a layer_names attribute nor layers/vars groups',
            );
        },
        { limits: ctx.limits },
      );
    case 'keras':
      return kerasZipWeights(model, resolved.bytes, ctx);
    case 'tfjs': {
      try {
        const weights = await readTfjsWeights(
          sniffed.json as Record<string, unknown>,
          resolved,
          ctx.limits,
        );
        assignWeights(byNameOrOrder(tfjsWeightNames(model), weights, file), file);
      } catch (e) {
        throw asModelFileError(e, file);
      }
      return;
    }
    case 'keras-json':
      throw new ModelFileError(
        file,
        undefined,
        'Keras model JSON holds no weights; pass the weights file (.h5) instead',
      );
  }
}
