/**
 * A `PredictPool` worker: one single-threaded wasm engine and a copy of the
 * model, computing the rows of a batch it is given. Bundled or emitted as its
 * own script (see worker-script.ts); it runs nothing on import but listening.
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import {
  modelFromJSON,
  registerBackend,
  unregisterBackend,
  useBackend,
  type KerasModelJSON,
  type Model,
} from '@framewise/core';
import { createCpuBackend } from '@framewise/backend-cpu/base';
import '@framewise/layers';
import type { PoolReply, PoolRequest, WireTensor, WireWeight } from './protocol.js';

const port = parentPort;
let model: Model | undefined;

function setWeights(target: Model, weights: WireWeight[]): void {
  const tensors = weights.map((w) => tf.tensor(w.values, w.shape));
  try {
    target.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

/** Rows `[start, end)` of the batch axis of a whole input, without copying the rest. */
function rows(input: WireTensor, start: number, end: number): tf.Tensor {
  const [batch = 0, ...rest] = input.shape;
  const per = rest.reduce((n, d) => n * d, 1);
  if (end > batch) throw new RangeError(`rows ${start}-${end} of a batch of ${batch}`);
  const view = input.data.subarray(start * per, end * per);
  return tf.tensor(view, [end - start, ...rest], view instanceof Int32Array ? 'int32' : 'float32');
}

/** The values in a buffer of their own, so it can be transferred whole. */
function ownBuffer(values: Float32Array): Float32Array {
  return values.byteOffset === 0 && values.buffer.byteLength === values.byteLength
    ? values
    : values.slice();
}

async function handle(request: PoolRequest): Promise<PoolReply> {
  switch (request.kind) {
    case 'init': {
      for (const m of request.modules) await import(m);
      // One thread per worker: the pool is the parallelism.
      unregisterBackend('cpu');
      registerBackend(createCpuBackend({ threads: 1 }));
      await useBackend('cpu', { log: () => undefined });
      model = modelFromJSON(request.topology as KerasModelJSON);
      setWeights(model, request.weights);
      return { kind: 'ready' };
    }
    case 'weights': {
      if (model === undefined) throw new Error('weights before init');
      setWeights(model, request.weights);
      return { kind: 'ready' };
    }
    case 'predict': {
      const current = model;
      if (current === undefined) throw new Error('predict before init');
      const outputs = tf.tidy(() => {
        const xs = request.inputs.map((x) => rows(x, request.start, request.end));
        const y = current.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs);
        return Array.isArray(y) ? y : [y];
      });
      const wire = outputs.map((y) => ({
        data: ownBuffer(y.dataSync() as Float32Array),
        shape: y.shape,
      }));
      tf.dispose(outputs);
      return { kind: 'done', id: request.id, outputs: wire };
    }
  }
}

port?.on('message', (request: PoolRequest) => {
  handle(request).then(
    (reply) => {
      const transfer =
        reply.kind === 'done' ? reply.outputs.map((o) => o.data.buffer as ArrayBuffer) : [];
      port.postMessage(reply, transfer);
    },
    (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({
        kind: 'failed',
        ...(request.kind === 'predict' ? { id: request.id } : {}),
        message: error.message,
        name: error.name,
      } satisfies PoolReply);
    },
  );
});
