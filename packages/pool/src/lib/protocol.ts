/**
 * Messages between a `PredictPool` and its workers (see predict-pool.ts and
 * worker-main.ts). Inputs travel in SharedArrayBuffers the workers read in place;
 * each worker sends its rows of the outputs back as transferred buffers.
 */

/** A tensor's values and shape; `data` is shared (inputs) or transferred (outputs). */
export interface WireTensor {
  data: Float32Array | Int32Array;
  shape: number[];
}

/** One weight, in `model.weights` order. */
export interface WireWeight {
  values: Float32Array;
  shape: number[];
}

export type PoolRequest =
  | {
      kind: 'init';
      /** `model.toJSON()`. */
      topology: unknown;
      weights: WireWeight[];
      /** Modules to import before building the model: plugins that register layer classes. */
      modules: string[];
    }
  | { kind: 'weights'; weights: WireWeight[] }
  | {
      kind: 'predict';
      id: number;
      /** Every input of the model, whole; the worker computes rows `[start, end)` of the batch. */
      inputs: WireTensor[];
      start: number;
      end: number;
    };

export type PoolReply =
  | { kind: 'ready' }
  | { kind: 'done'; id: number; outputs: WireTensor[] }
  | { kind: 'failed'; id?: number; message: string; name: string };
