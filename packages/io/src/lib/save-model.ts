import { at, ConfigError, Model, WRITER_VERSION } from '@framewise/core';
import { asModelFileError, ModelFileError } from './errors.js';
import { kerasZipBytes } from './formats/keras-zip.js';
import { tfjsFiles } from './formats/tfjs-layers.js';
import { writeKeras2Weights } from './formats/h5-weights.js';
import { writeHdf5 } from './hdf5.js';
import type { SaveModelOptions } from './types.js';
import { isDirectory, splitPath, writeFilesAtomically } from './write.js';

const FORMATS = ['keras-json', 'tfjs', 'keras'];

/**
 * Writes a model with its weights; resolves to the paths written (Node).
 * - `'keras-json'`: `target` gets `model.to_json()` text (Keras 2 flavour, which
 *   Keras 2, Keras 3 and tfjs-layers read) and `<target without .json>_weights.h5`
 *   the weights in Keras 2 `save_weights` layout (skip with `weights: false`).
 * - `'tfjs'`: a tfjs layers `model.json` (at `target`, or `target/model.json`
 *   when `target` is a directory or has no `.json` suffix) and its
 *   `group1-shard<i>of<n>.bin` shards; `loadLayersModel` reads it.
 * - `'keras'`: a Keras 3 `.keras` zip.
 *
 * The files are replaced as one set (see `writeFilesAtomically`): a failed,
 * interrupted or killed save leaves the previous set complete, never a mix of
 * old and new files. `model.save(target, {format})` does the same.
 */
export async function saveModel(
  model: Model,
  target: string,
  options: SaveModelOptions,
): Promise<string[]> {
  if (!(model instanceof Model)) {
    throw new ModelFileError(
      String(target),
      undefined,
      `saveModel() expects a Framewise Model, received ${String(model)}`,
    );
  }
  if (typeof target !== 'string' || target === '') {
    throw new ModelFileError(
      '<target>',
      undefined,
      `the target must be a non-empty path, received ${JSON.stringify(target)}`,
    );
  }
  model.throwIfDisposed('saveModel');
  const format = options?.format;
  if (!FORMATS.includes(format)) {
    throw new ConfigError(
      `save format must be one of ${FORMATS.join(', ')}, received ${JSON.stringify(format)}`,
    );
  }
  let files: { path: string; bytes: Uint8Array }[];
  try {
    files = await filesFor(model, target, options);
  } catch (e) {
    throw asModelFileError(e, target);
  }
  const folder = options.format === 'tfjs' ? splitPath(at(files, 0, 'model.json').path).dir : '';
  return writeFilesAtomically(files, folder ? { makeDirectory: folder } : {});
}

async function filesFor(
  model: Model,
  target: string,
  options: SaveModelOptions,
): Promise<{ path: string; bytes: Uint8Array }[]> {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (options.format) {
    case 'keras': {
      return [{ path: target, bytes: await kerasZipBytes(model) }];
    }
    case 'tfjs': {
      const dir =
        /\.json$/i.test(target) && !(await isDirectory(target))
          ? splitPath(target).dir
          : `${target.replace(/[\\/]+$/, '')}/`;
      const jsonPath =
        /\.json$/i.test(target) && !(await isDirectory(target)) ? target : `${dir}model.json`;
      const { json, shards } = tfjsFiles(model, options.shardBytes);
      return [
        ...shards.map((s) => ({ path: dir + s.name, bytes: s.bytes })),
        { path: jsonPath, bytes: text(json) },
      ];
    }
    case 'keras-json': {
      const files = [{ path: target, bytes: text(JSON.stringify(model.toJSON())) }];
      if (options.weights !== false) {
        const weights = await writeHdf5((root) => writeKeras2Weights(model, root, WRITER_VERSION));
        files.unshift({ path: keras2WeightsPath(target), bytes: weights });
      }
      return files;
    }
  }
}

/** Where `'keras-json'` puts the weights: `model.json` → `model_weights.h5`. */
export function keras2WeightsPath(target: string): string {
  return `${target.replace(/\.json$/i, '')}_weights.h5`;
}
