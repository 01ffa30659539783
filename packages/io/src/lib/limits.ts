import { ModelFileError } from './errors.js';

/**
 * Bounds on what a model file may make Framewise read or allocate. Model files
 * are untrusted input: each bound is checked against the sizes a file declares
 * before anything that large is allocated or inflated.
 */
export interface IoLimits {
  /** Most entries a `.keras` zip may have. Default 1 000. */
  maxZipEntries: number;
  /** Most bytes all `.keras` entries may inflate to, together. Default 2 GiB. */
  maxUncompressedBytes: number;
  /** Most bytes of weight data (all tensors together). Default 2 GiB. */
  maxWeightBytes: number;
  /** Most elements of one weight tensor. Default 2^28 (1 GiB of float32). */
  maxTensorElements: number;
  /** Most dimensions of one weight tensor. Default 8. */
  maxRank: number;
  /** Most weight shard files a tfjs `model.json` may list. Default 1 000. */
  maxShards: number;
  /** Most layers a topology may declare (nested ones included). Default 10 000. */
  maxLayers: number;
  /** Most bytes of a JSON document (topology or tfjs `model.json`). Default 64 MiB. */
  maxJsonBytes: number;
  /**
   * Most levels of nested lists and objects in a JSON document (Keras nests a few
   * dozen at most); deeper ones are refused before anything walks them. Default 100.
   */
  maxJsonDepth: number;
  /**
   * Most links an HDF5 file's tree may have (each group member counts once, however
   * many links lead to it). Default 100 000.
   */
  maxHdf5Objects: number;
  /**
   * Most milliseconds reading one HDF5 file (`.h5`, the weights inside a `.keras`) may
   * take, in Node, where files are read in a worker thread: libhdf5 loops forever on
   * some damaged files, and the worker is then stopped and the load fails. Raise it for
   * very large files on slow machines. Browsers read HDF5 on the calling thread, where it
   * is checked only between objects (a loop inside libhdf5 cannot be stopped there).
   * Default 10 000.
   */
  hdf5ReadMs: number;
}

/** The limits used when a call gives none. */
export const DEFAULT_LIMITS: Readonly<IoLimits> = Object.freeze({
  maxZipEntries: 1000,
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxWeightBytes: 2 * 1024 ** 3,
  maxTensorElements: 2 ** 28,
  maxRank: 8,
  maxShards: 1000,
  maxLayers: 10000,
  maxJsonBytes: 64 * 1024 ** 2,
  maxJsonDepth: 100,
  maxHdf5Objects: 100_000,
  hdf5ReadMs: 10_000,
});

/** Defaults overridden by `partial`; each given value must be a positive integer. */
export function resolveLimits(partial: Partial<IoLimits> = {}): IoLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial)) {
    if (!Object.hasOwn(DEFAULT_LIMITS, key)) {
      throw new ModelFileError(
        '<options>',
        `limits.${key}`,
        `unknown limit; expected one of ${Object.keys(DEFAULT_LIMITS).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new ModelFileError(
        '<options>',
        `limits.${key}`,
        `must be a positive integer, received ${JSON.stringify(value)}`,
      );
    }
    limits[key as keyof IoLimits] = value;
  }
  return limits;
}

/**
 * Checks a declared tensor shape against the limits before anything is
 * allocated; returns its element count.
 */
export function checkTensorShape(
  shape: unknown,
  limits: IoLimits,
  file: string,
  location: string,
): number {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ModelFileError(
      file,
      location,
      `weight shape must be a list of non-negative integers, received ${JSON.stringify(shape)?.slice(0, 80)}`,
    );
  }
  if (shape.length > limits.maxRank) {
    throw new ModelFileError(
      file,
      location,
      `weight of rank ${shape.length} exceeds limits.maxRank (${limits.maxRank})`,
    );
  }
  let size = 1;
  for (const d of shape as number[]) {
    size *= d;
    if (size > limits.maxTensorElements) {
      throw new ModelFileError(
        file,
        location,
        `weight of shape [${shape.join(', ')}] exceeds limits.maxTensorElements (${limits.maxTensorElements})`,
      );
    }
  }
  return size;
}

/** Throws when a running byte total passes `limits.maxWeightBytes`. */
export function checkWeightBytes(
  total: number,
  limits: IoLimits,
  file: string,
  location: string,
): void {
  if (total > limits.maxWeightBytes) {
    throw new ModelFileError(
      file,
      location,
      `weights total ${total} bytes, more than limits.maxWeightBytes (${limits.maxWeightBytes})`,
    );
  }
}
