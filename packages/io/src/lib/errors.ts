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

/** `e` as a `ModelFileError` (unchanged when it already is one). */
export function asModelFileError(e: unknown, file: string, location?: string): ModelFileError {
  if (e instanceof ModelFileError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ModelFileError(file, location, message, e);
}
