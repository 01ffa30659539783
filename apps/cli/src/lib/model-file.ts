import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isJsonObject as isObject, type Model } from '@framewise/core';
// Importing the catalog registers every layer class a model file may name.
import '@framewise/layers';
import { loadModel } from '@framewise/io';
import type { Io } from './terminal.js';

/** The model files the CLI reads, as help texts name them. */
export const LOADABLE_FORMATS =
  'Keras JSON (model.to_json(), Keras 1, 2 or 3; Framewise model.toJSON()), Keras 3 .keras, ' +
  'legacy Keras .h5 (Keras 2 or 3), and TensorFlow.js model.json with its weight shards';

/**
 * Loads a model file with @framewise/io; `weights` adds a `save_weights` .h5 to a
 * topology-only JSON. Warnings (unknown config fields, ignored training state) go
 * to stderr, one line each. Bad files throw io's typed `ModelFileError`.
 */
export function openModel(path: string, io: Io, weights?: string): Promise<Model> {
  return loadModel(path, {
    ...(weights === undefined ? {} : { weights }),
    onWarning: (message) => io.err(`framewise: warning: ${message}`),
  });
}

/**
 * Loads a model for a summary, which needs no weights: a tfjs `model.json` is read
 * for its topology alone, so one downloaded without its shards still works. Every
 * other file goes to `openModel` whole.
 */
export async function openTopology(path: string, io: Io): Promise<Model> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return openModel(path, io); // io words the missing file
  }
  let json: unknown;
  try {
    json = bytes[0] === 0x7b ? JSON.parse(bytes.toString('utf8')) : undefined;
  } catch {
    json = undefined;
  }
  if (!isObject(json) || !isObject(json['modelTopology']) || !('weightsManifest' in json)) {
    return openModel(path, io);
  }
  const topology = json['modelTopology'];
  // The converter wraps a Keras model as {keras_version, backend, model_config}; to_json()
  // writes the model with the versions beside it.
  const model = isObject(topology['model_config'])
    ? {
        ...topology['model_config'],
        keras_version: topology['keras_version'],
        backend: topology['backend'],
      }
    : topology;
  const file = new File([JSON.stringify(model)], basename(path));
  return loadModel(file, { onWarning: (message) => io.err(`framewise: warning: ${message}`) });
}
