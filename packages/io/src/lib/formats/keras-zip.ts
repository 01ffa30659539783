/**
 * Keras 3 `.keras` files: a zip with `config.json` (the model, Keras 3
 * serialization), `metadata.json` (`keras_version`) and `model.weights.h5`
 * (Keras 3 layout). Read in memory under the zip limits.
 */
import { WRITER_VERSION, type Model } from '@framewise/core';
import { ModelFileError } from '../errors.js';
import { readHdf5, writeHdf5 } from '../hdf5.js';
import { buildModel, parseJson, type TopologyContext } from '../topology.js';
import { keras3Config } from '../versions/index.js';
import { assignWeights } from '../weights.js';
import { readZip, writeZip } from '../zip.js';
import { keras3Assignments, writeKeras3Weights } from './h5-weights.js';

const ENTRIES = ['config.json', 'metadata.json', 'model.weights.h5', 'model.weights.npz'];

/** The `keras_version` Framewise records in `.keras` metadata: the Keras layout the file follows. */
export const KERAS3_LAYOUT_VERSION = '3.0.0';

/** Reads a `.keras` model with its weights. */
export async function loadKerasZip(bytes: Uint8Array, ctx: TopologyContext): Promise<Model> {
  const { model, weights } = await openKerasZip(bytes, ctx);
  try {
    if (weights) {
      await readHdf5(
        weights,
        `${ctx.file}#model.weights.h5`,
        (root) =>
          assignWeights(
            keras3Assignments(model, root, `${ctx.file}#model.weights.h5`, ctx.limits),
            `${ctx.file}#model.weights.h5`,
          ),
        { limits: ctx.limits },
      );
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/** The model a `.keras` zip describes (fresh weights) and its weights file's bytes. */
export async function openKerasZip(
  bytes: Uint8Array,
  ctx: TopologyContext,
): Promise<{ model: Model; weights: Uint8Array | undefined }> {
  const entries = readZip(bytes, ctx.file, ctx.limits, (name) => ENTRIES.includes(name));
  const config = entries.get('config.json');
  if (!config)
    throw new ModelFileError(
      ctx.file,
      'zip entry config.json',
      'missing: not a Keras 3 model file',
    );
  if (entries.has('model.weights.npz') && !entries.has('model.weights.h5')) {
    throw new ModelFileError(
      ctx.file,
      'zip entry model.weights.npz',
      'weights stored as .npz are not supported; save with the default (HDF5) weights store',
    );
  }
  const metadataBytes = entries.get('metadata.json');
  const metadata = metadataBytes
    ? parseJson(metadataBytes, ctx.file, ctx.limits, 'zip entry metadata.json')
    : {};
  const version =
    metadata !== null && typeof metadata === 'object'
      ? (metadata as { keras_version?: unknown }).keras_version
      : undefined;
  const topology = parseJson(config, ctx.file, ctx.limits, 'zip entry config.json');
  const model = buildModel(topology, {
    ...ctx,
    root: 'config.json: ',
    kerasVersion: typeof version === 'string' ? version : '3',
  });
  return { model, weights: entries.get('model.weights.h5') };
}

/** Reads only the weights of a `.keras` file into an existing model. */
export async function kerasZipWeights(
  model: Model,
  bytes: Uint8Array,
  ctx: TopologyContext,
): Promise<void> {
  const entries = readZip(bytes, ctx.file, ctx.limits, (name) => name === 'model.weights.h5');
  const weights = entries.get('model.weights.h5');
  if (!weights) throw new ModelFileError(ctx.file, 'zip entry model.weights.h5', 'missing');
  const file = `${ctx.file}#model.weights.h5`;
  await readHdf5(
    weights,
    file,
    (root) => assignWeights(keras3Assignments(model, root, file, ctx.limits), file),
    { limits: ctx.limits },
  );
}

/** The bytes of a `.keras` file for a model (Keras 3 layout). */
export async function kerasZipBytes(model: Model): Promise<Uint8Array> {
  const encode = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
  const config = keras3Config(model);
  const weights = await writeHdf5((root) => writeKeras3Weights(model, root));
  return writeZip({
    'metadata.json': encode({
      keras_version: KERAS3_LAYOUT_VERSION,
      date_saved: new Date().toISOString(),
      generated_by: WRITER_VERSION,
    }),
    'config.json': encode(config),
    'model.weights.h5': weights,
  });
}
