import { FramewiseError } from '@framewise/core';

/**
 * A model or weights file could not be read or written. `file` names the file
 * (a path, URL, `File` name or `<bytes>`), `location` the place in it when one
 * is known: a JSON path (`config.layers[3].config.units`), an HDF5 dataset
 * (`/model_weights/dense_1/dense_1/kernel:0`), a weight shard
 * (`group1-shard2of3.bin`) or a zip entry (`model.weights.h5`).
 *
 * The error that caused it, when there is one (a core `ConfigError`, an
 * `UnknownLayerError` ...), is kept as `cause`.
 */
export class ModelFileError extends FramewiseError {
  /** The file the error is about. */
  readonly file: string;
  /** Where in the file, when known. */
  readonly location: string | undefined;

  constructor(file: string, location: string | undefined, message: string, cause?: unknown) {
    super(`${file}${location ? ` (${location})` : ''}: ${message}`);
    this.file = file;
    this.location = location;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
}

/** True for errors Framewise raised on purpose (typed), as opposed to bugs or engine failures. */
export function isTyped(e: unknown): e is FramewiseError {
  return e instanceof FramewiseError;
}

/**
 * Runs `fn`; any error it throws that is not already a `ModelFileError`
 * becomes one naming `file` and `location`, with the original kept as `cause`.
 * Parser failures (h5wasm, fflate, JSON.parse) thus never escape untyped.
 */
export function withLocation<T>(file: string, location: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asModelFileError(e, file, location);
  }
}

/** Async form of `withLocation`. */
export async function withLocationAsync<T>(
  file: string,
  location: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asModelFileError(e, file, location);
  }
}

/** `e` as a `ModelFileError` (unchanged when it already is one). */
export function asModelFileError(e: unknown, file: string, location?: string): ModelFileError {
  if (e instanceof ModelFileError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ModelFileError(file, location, message, e);
}
