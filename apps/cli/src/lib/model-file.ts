import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';

/** The model files Framewise reads today, as messages name them. */
export const LOADABLE_FORMATS =
  'Keras JSON (model.to_json(), or Framewise model.toJSON()) and tfjs-layers model.json';

/** A file that cannot be read as a model: printed as one line, exit code 1. */
export class ModelFileError extends Error {}

// Formats people will try that need @framewise/io, which does not exist yet.
const NOT_YET: readonly { test: (name: string, head: Buffer) => boolean; what: string }[] = [
  {
    test: (name, head) =>
      ['.h5', '.hdf5', '.he5'].includes(extname(name).toLowerCase()) ||
      head.subarray(0, 8).equals(Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a])),
    what: 'a Keras HDF5 (.h5) file',
  },
  {
    test: (name, head) =>
      extname(name).toLowerCase() === '.keras' ||
      head.subarray(0, 4).equals(Buffer.from('PK\x03\x04')),
    what: 'a Keras 3 .keras archive',
  },
];

/**
 * Reads a model file's JSON: Keras JSON or a tfjs-layers `model.json` (its
 * topology; weights are not read, a summary needs none). Anything else fails
 * with one line naming the formats that load, so the user knows what to pass.
 */
export async function readModelFile(path: string): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (e as Error).message;
    throw new ModelFileError(`cannot read model file '${path}': ${why}`);
  }
  const name = basename(path);
  const unsupported = NOT_YET.find((f) => f.test(name, bytes));
  if (unsupported) {
    throw new ModelFileError(
      `'${name}' is ${unsupported.what}, which needs @framewise/io (not available yet); ` +
        `files that load today: ${LOADABLE_FORMATS}`,
    );
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ModelFileError(
      `'${name}' is not JSON (${(e as Error).message}); files that load today: ${LOADABLE_FORMATS}`,
    );
  }
}
