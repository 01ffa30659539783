/**
 * Which format a file is in: by content first (zip and HDF5 signatures, the
 * HDF5 file's attributes and groups, the JSON's top-level keys), by the file
 * name's extension only when the content says nothing.
 */
import { ModelFileError } from './errors.js';
import { isHdf5, readHdf5, stringAttr } from './hdf5.js';
import { resolveLimits, type IoLimits } from './limits.js';
import { resolveSource } from './source.js';
import { parseJson } from './topology.js';
import type { ModelFormat, ModelSource } from './types.js';
import { isZip } from './zip.js';
import { isTfjsModelJson } from './formats/tfjs-layers.js';
import { weightsLayout } from './formats/h5-weights.js';

/** A format and, for JSON files, the parsed document (so it is parsed once). */
export interface Sniffed {
  format: ModelFormat;
  json?: unknown;
}

const BY_EXTENSION: [RegExp, ModelFormat][] = [
  [/\.keras$/i, 'keras'],
  [/\.weights\.h5$/i, 'weights-h5'],
  [/\.(h5|hdf5)$/i, 'legacy-h5'],
  [/\.json$/i, 'keras-json'],
];

/** The format of a file's bytes; `name` is only used when the content is not recognised. */
export async function sniff(bytes: Uint8Array, name: string, limits: IoLimits): Promise<Sniffed> {
  if (isZip(bytes)) return { format: 'keras' };
  if (isHdf5(bytes)) {
    // Names and attributes tell the format: dataset values are read by the loader, not here.
    const format = await readHdf5(
      bytes,
      name,
      (root): ModelFormat | undefined =>
        stringAttr(root, 'model_config') !== undefined
          ? 'legacy-h5'
          : weightsLayout(root)
            ? 'weights-h5'
            : undefined,
      { limits, values: false },
    );
    if (format) return { format };
    throw new ModelFileError(
      name,
      '/',
      'an HDF5 file without Keras content: no model_config attribute, no layer_names, no layers/vars groups',
    );
  }
  const first = bytes.find(
    (b) =>
      b !== 0x20 &&
      b !== 0x0a &&
      b !== 0x0d &&
      b !== 0x09 &&
      b !== 0xef &&
      b !== 0xbb &&
      b !== 0xbf,
  );
  if (first === 0x7b /* { */) {
    const json = parseJson(bytes, name, limits);
    return { format: isTfjsModelJson(json) ? 'tfjs' : 'keras-json', json };
  }
  const byName = BY_EXTENSION.find(([re]) => re.test(name));
  if (byName) return { format: byName[1] };
  throw new ModelFileError(
    name,
    undefined,
    'unrecognised model file: expected a Keras .keras zip, an HDF5 .h5 file, ' +
      'Keras model JSON or a tfjs model.json',
  );
}

/**
 * Tells which model file format a source holds: `'keras'`, `'legacy-h5'`,
 * `'weights-h5'`, `'tfjs'` or `'keras-json'`. Content decides (magic bytes,
 * HDF5 attributes, JSON keys); the extension only when the content is not
 * recognised. Throws `ModelFileError` when neither tells.
 */
export async function detectFormat(
  source: ModelSource,
  options: { limits?: Partial<IoLimits> } = {},
): Promise<ModelFormat> {
  const resolved = await resolveSource(source);
  return (await sniff(resolved.bytes, resolved.name, resolveLimits(options.limits))).format;
}
