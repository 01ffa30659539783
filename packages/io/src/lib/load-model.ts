import type { Model } from '@framewise/core';
import { asModelFileError, ModelFileError } from './errors.js';
import { loadContext } from './context.js';
import { sniff } from './detect.js';
import { loadKerasZip } from './formats/keras-zip.js';
import { loadLegacyH5 } from './formats/legacy-h5.js';
import { readTfjsWeights } from './formats/tfjs-layers.js';
import { loadWeightsInto } from './load-weights.js';
import { resolveSource } from './source.js';
import { buildModel, type TopologyContext } from './topology.js';
import { recoverInterruptedSaves } from './write.js';
import type { LoadModelOptions, ModelSource } from './types.js';
import { tfjsWeightNames } from './versions/index.js';
import { assignWeights, byNameOrOrder } from './weights.js';

/**
 * Loads a model from a file in any format Framewise reads: Keras `to_json`
 * text (Keras 1, 2 or 3; topology only, so weights are initialised unless
 * `options.weights` names a `save_weights` file), Keras 3 `.keras`, legacy
 * Keras `.h5` full models, or a tfjs layers `model.json` with its shards.
 *
 * Every failure is a `ModelFileError` naming the file and the place in it
 * (JSON path, HDF5 dataset, shard, zip entry); nothing is left allocated.
 * Model files are untrusted: `Lambda` layers are refused, and sizes are
 * checked against `options.limits` before anything is allocated.
 *
 * @example
 * ```ts
 * import '@framewise/layers';
 * import { loadModel } from '@framewise/io';
 * const model = await loadModel('model.keras');
 * const same = await loadModel('model.json', { weights: 'weights.h5' });
 * ```
 */
export async function loadModel(
  source: ModelSource,
  options: LoadModelOptions = {},
): Promise<Model> {
  // A save killed midway left the previous files set aside: put them back before reading.
  await recoverInterruptedSaves(source);
  if (options.weights !== undefined) await recoverInterruptedSaves(options.weights);
  const resolved = await resolveSource(source);
  try {
    return await loadResolved(resolved, options);
  } catch (e) {
    // Whatever a damaged file makes a parser throw reaches the caller typed, with the cause kept.
    throw asModelFileError(e, resolved.name);
  }
}

async function loadResolved(
  resolved: Awaited<ReturnType<typeof resolveSource>>,
  options: LoadModelOptions,
): Promise<Model> {
  const ctx = loadContext(resolved.name, options);
  const sniffed = await sniff(resolved.bytes, resolved.name, ctx.limits);
  let model: Model;
  switch (sniffed.format) {
    case 'keras':
      model = await loadKerasZip(resolved.bytes, ctx);
      break;
    case 'legacy-h5':
      model = await loadLegacyH5(resolved.bytes, ctx);
      break;
    case 'weights-h5':
      throw new ModelFileError(
        resolved.name,
        undefined,
        'a weights-only HDF5 file (save_weights): load the model topology ' +
          '(its to_json file) and pass this file as options.weights',
      );
    case 'tfjs':
      model = await loadTfjs(sniffed.json as Record<string, unknown>, resolved, ctx);
      break;
    case 'keras-json':
      model = buildModel(sniffed.json, ctx);
      break;
  }
  if (options.weights !== undefined && sniffed.format !== 'tfjs') {
    try {
      await loadWeightsInto(model, options.weights, options);
    } catch (e) {
      model.dispose();
      throw e;
    }
  }
  return model;
}

async function loadTfjs(
  json: Record<string, unknown>,
  resolved: Awaited<ReturnType<typeof resolveSource>>,
  ctx: TopologyContext,
): Promise<Model> {
  // Shards first: a missing or short shard fails before any weight is allocated.
  const weights = await readTfjsWeights(json, resolved, ctx.limits);
  // tensorflowjs_converter (from a Keras .h5) nests the model: {keras_version, model_config, training_config}.
  const topology = json['modelTopology'] as Record<string, unknown> | null;
  const nested =
    topology !== null &&
    typeof topology === 'object' &&
    typeof topology['model_config'] === 'object';
  const version =
    nested && typeof topology['keras_version'] === 'string'
      ? { kerasVersion: topology['keras_version'] }
      : {};
  const model = nested
    ? buildModel(topology['model_config'], {
        ...ctx,
        ...version,
        root: 'modelTopology.model_config.',
      })
    : buildModel(topology, { ...ctx, root: 'modelTopology.' });
  try {
    if (weights.length > 0) {
      assignWeights(byNameOrOrder(tfjsWeightNames(model), weights, ctx.file), ctx.file);
    } else if (model.weights.length > 0) {
      ctx.warn(`${ctx.file}: no weightsManifest; the weights are freshly initialised`);
    }
  } catch (e) {
    model.dispose();
    throw asModelFileError(e, ctx.file);
  }
  return model;
}
