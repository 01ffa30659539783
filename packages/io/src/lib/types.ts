import type { IoLimits } from './limits.js';

/**
 * Where a model or weights file comes from.
 * - `string`: in Node a file path; in a browser (or for `http(s):` strings) a URL.
 * - `URL`: fetched (`file:` URLs are read from disk in Node).
 * - `File` / `File[]`: in-memory files (browser file pickers; Node 20+ has a global `File`).
 *   A tfjs `model.json` comes with its shards as `File`s named like the manifest paths.
 * - `Blob`, `Uint8Array`, `ArrayBuffer`: the bytes of one file.
 */
export type ModelSource = string | URL | File | File[] | Blob | Uint8Array | ArrayBuffer;

/** The file formats `detectFormat` tells apart. */
export type ModelFormat =
  /** Keras `model.to_json()` text (topology only), Keras 1, 2 or 3 flavour. */
  | 'keras-json'
  /** TensorFlow.js layers `model.json` with a `weightsManifest`. */
  | 'tfjs'
  /** Keras 3 `.keras` zip (`config.json`, `metadata.json`, `model.weights.h5`). */
  | 'keras'
  /** Legacy Keras `.h5` full model (root attribute `model_config`). */
  | 'legacy-h5'
  /** Weights-only HDF5 from `save_weights`: Keras 2 layout (`layer_names`) or Keras 3 (`layers/.../vars`). */
  | 'weights-h5';

/** Formats `saveModel` writes. */
export type SaveFormat = 'keras-json' | 'tfjs' | 'keras';

/** What to do with config fields a layer class does not know. */
export type UnknownFieldsPolicy = 'warn' | 'error';

/** Options of `loadModel`. */
export interface LoadModelOptions {
  /** Weights for a topology-only JSON: a `save_weights` `.h5` (Keras 2 or Keras 3 layout). */
  weights?: ModelSource;
  /**
   * Config fields that the layer class does not use. `'warn'` (default) reports
   * each through `onWarning` and loads the model; `'error'` throws a
   * `ModelFileError` naming the JSON path of the first one.
   */
  unknownFields?: UnknownFieldsPolicy;
  /** Receives warnings (unknown fields, ignored training state). Default: `console.warn`. */
  onWarning?: (message: string) => void;
  /** Overrides of the default safety limits (`DEFAULT_LIMITS`). */
  limits?: Partial<IoLimits>;
}

/** Options of `loadWeights`. */
export interface LoadWeightsOptions {
  /** Overrides of the default safety limits. */
  limits?: Partial<IoLimits>;
}

/** Options of `saveModel`. */
export interface SaveModelOptions {
  /**
   * - `'keras-json'`: `target` (e.g. `model.json`) gets `model.to_json()` text (Keras 2
   *   flavour), and `<base>_weights.h5` beside it gets the weights in Keras 2 `save_weights`
   *   layout (readable by Keras 2 and 3 `load_weights`), unless `weights` is false.
   * - `'tfjs'`: `target` is `…/model.json` or a directory (then `model.json` inside it);
   *   the weights go to `group1-shard1of1.bin` (or more shards, see `shardBytes`).
   * - `'keras'`: a Keras 3 `.keras` zip.
   */
  format: SaveFormat;
  /** For `'keras-json'`: also write the weights file. Default true. */
  weights?: boolean;
  /** For `'tfjs'`: bytes per shard. Default 4 MiB, like `tensorflowjs_converter`. */
  shardBytes?: number;
}

/** Options of `saveWeights`. */
export interface SaveWeightsOptions {
  /**
   * HDF5 layout: `'keras2'` (`layer_names`/`weight_names`, what Keras 2 `save_weights`
   * writes) or `'keras3'` (`layers/<class>/vars/<i>`, Keras 3 `.weights.h5`). Default:
   * `'keras3'` when `target` ends in `.weights.h5` (Keras 3 requires that suffix), else `'keras2'`.
   */
  layout?: 'keras2' | 'keras3';
}
