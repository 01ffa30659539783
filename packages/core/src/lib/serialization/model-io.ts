import { ConfigError } from '../errors.js';
import type { Model } from '../model.js';

/** Formats `model.save()` can write (provided by `@framewise/io`). */
export type ModelSaveFormat = 'keras-json' | 'tfjs' | 'keras';

/** Options of `model.save()`; `@framewise/io` documents each format. */
export interface ModelSaveOptions {
  format: ModelSaveFormat;
  [option: string]: unknown;
}

/**
 * What `@framewise/io` registers when it is imported, so that `Model.save`,
 * `Model.saveWeights` and `Model.loadWeights` work without core depending on
 * HDF5 or zip libraries.
 */
export interface ModelIO {
  save(model: Model, target: string, options: ModelSaveOptions): Promise<string[]>;
  saveWeights(model: Model, target: string, options?: Record<string, unknown>): Promise<string[]>;
  loadWeights(model: Model, source: unknown, options?: Record<string, unknown>): Promise<void>;
}

let registered: ModelIO | undefined;

/** Installs the file implementation (`@framewise/io` calls this on import); returns the previous one. */
export function registerModelIO(io: ModelIO | undefined): ModelIO | undefined {
  const previous = registered;
  registered = io;
  return previous;
}

/** The registered file implementation; throws `ConfigError` saying what to install when there is none. */
export function getModelIO(what: string): ModelIO {
  if (!registered) {
    throw new ConfigError(
      `${what} needs @framewise/io: install it (npm install @framewise/io) and import it once ` +
        `(import '@framewise/io') before saving or loading files`,
    );
  }
  return registered;
}
