import type { Worker as NodeWorker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, DisposedError, required, type Model } from '@framewise/core';
import { defaultNodeThreads } from '@framewise/backend-cpu/node-threads';
import type { PoolReply, PoolRequest, WireTensor, WireWeight } from './protocol.js';
import { splitRows } from './split.js';
import { workerScript } from './worker-script.js';

/** Options of `createPredictPool`. */
export interface PredictPoolOptions {
  /**
   * Worker threads, each with its own single-threaded wasm engine. Default: the cpu adapter's
   * thread count (every core the process can use, at most 8; `FRAMEWISE_THREADS` sets it).
   */
  workers?: number;
  /**
   * Modules each worker imports before it builds the model: the plugins that register
   * layer classes of your own (`@framewise/layers` is always imported).
   */
  modules?: string[];
}

/** A model's `predict` on every core of a Node process; see `createPredictPool`. */
export interface PredictPool {
  /** Worker threads in the pool. */
  readonly workers: number;
  /**
   * The model's `predict(x)`, the batch split between the workers. Weights changed since the
   * last call (by `fit`, `setWeights` or a load) are sent to the workers first.
   */
  predict(x: tf.Tensor | tf.Tensor[]): Promise<tf.Tensor | tf.Tensor[]>;
  /** Stops the workers. Also happens when the model is disposed. */
  dispose(): Promise<void>;
}

interface Member {
  worker: NodeWorker;
  /** Settles the request in flight, if any, when the worker answers or dies. */
  pending?: (reply: PoolReply) => void;
}

/**
 * Every core the process can really use, by the cpu adapter's own rule (its CPU quota, the
 * cores the load leaves idle, at most 8; `FRAMEWISE_THREADS` overrides it): a worker waiting
 * for a busy core slows the others down.
 */
function defaultWorkers(): number {
  return defaultNodeThreads();
}

/**
 * Starts a pool of worker threads that run `model.predict` together: each worker holds its own
 * single-threaded wasm engine and a copy of the model and its weights, and computes a share of
 * the batch's rows (a `TimeDistributed` model's rows are whole clips). Inputs reach the workers
 * through shared memory; weights only when they changed. Results equal the model's own
 * `predict` on the wasm engine. Node only.
 *
 * The workers never keep the process alive, and stop with `dispose()` or with the model's.
 * Whether the pool beats the wasm adapter's own threads depends on the model: see the backends
 * guide for measurements.
 */
export async function createPredictPool(
  model: Model,
  options: PredictPoolOptions = {},
): Promise<PredictPool> {
  if (model.isDisposed)
    throw new DisposedError('createPredictPool needs a model that is not disposed');
  const count = options.workers ?? defaultWorkers();
  if (!Number.isInteger(count) || count < 1) {
    throw new ConfigError(`workers must be an integer ≥ 1, received ${String(count)}`);
  }
  const { Worker } = await import('node:worker_threads');
  const script = await workerScript();
  const members: Member[] = [];
  for (let i = 0; i < count; i++) {
    members.push({ worker: new Worker(script.code, { eval: script.eval }) });
  }
  const pool = new Pool(model, members);
  try {
    await pool.start(options.modules ?? []);
  } catch (e) {
    await pool.dispose();
    throw e;
  }
  return pool;
}

class Pool implements PredictPool {
  readonly workers: number;
  private nextId = 0;
  private stopped = false;
  /** The tfjs data of each weight when last sent: `assign` gives a variable new data. */
  private sentWeights: readonly object[] = [];
  private readonly stopWithModel: () => void;

  constructor(
    private readonly model: Model,
    private readonly members: Member[],
  ) {
    this.workers = members.length;
    for (const member of members) {
      member.worker.on('message', (reply: PoolReply) => this.settle(member, reply));
      member.worker.on('error', (e) => this.settle(member, failure(e)));
      member.worker.on('exit', (code) =>
        this.settle(member, failure(new Error(`the worker stopped (exit code ${code})`))),
      );
      // After the listeners: adding a 'message' listener refs the worker's port again.
      member.worker.unref();
    }
    this.stopWithModel = model.onDispose(() => void this.dispose());
  }

  async start(modules: string[]): Promise<void> {
    const topology = this.model.toJSON();
    const weights = this.weights();
    await Promise.all(
      this.members.map((m) => this.ask(m, { kind: 'init', topology, weights, modules })),
    );
  }

  async predict(x: tf.Tensor | tf.Tensor[]): Promise<tf.Tensor | tf.Tensor[]> {
    if (this.stopped) throw new DisposedError('this PredictPool was disposed');
    if (this.model.isDisposed)
      throw new DisposedError('the model of this PredictPool was disposed');
    const xs = Array.isArray(x) ? x : [x];
    const batch = xs[0]?.shape[0] ?? 0;
    if (batch < 1)
      throw new ConfigError(`predict needs a batch of at least one row, received ${batch}`);
    if (xs.some((t) => t.shape[0] !== batch)) {
      throw new ConfigError(
        `every input needs the same batch size, received ${xs.map((t) => t.shape[0]).join(', ')}`,
      );
    }
    await this.syncWeights();
    const inputs = xs.map(shared);
    const ranges = splitRows(batch, this.members.length);
    const parts = await Promise.all(
      ranges.map(([start, end], i) =>
        this.ask(required(this.members[i], 'pool worker'), {
          kind: 'predict',
          id: this.nextId++,
          inputs,
          start,
          end,
        }),
      ),
    );
    const outputs = joinRows(parts.map((p) => (p.kind === 'done' ? p.outputs : [])));
    return Array.isArray(x) || outputs.length > 1 ? outputs : required(outputs[0], 'output');
  }

  async dispose(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.stopWithModel();
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }

  /** Sends the weights again when any changed: tfjs gives an assigned variable new data. */
  private async syncWeights(): Promise<void> {
    const ids = this.weightIds();
    if (ids.length === this.sentWeights.length && ids.every((id, i) => id === this.sentWeights[i]))
      return;
    const weights = this.weights();
    await Promise.all(this.members.map((m) => this.ask(m, { kind: 'weights', weights })));
  }

  private weights(): WireWeight[] {
    this.sentWeights = this.weightIds();
    return this.model.weights.map((w) => ({
      values: w.value.dataSync() as Float32Array,
      shape: [...w.shape],
    }));
  }

  private weightIds(): object[] {
    return this.model.weights.map((w) => w.value.dataId);
  }

  private ask(member: Member, request: PoolRequest): Promise<PoolReply> {
    return new Promise((resolve, reject) => {
      // A worker keeps the process alive while it owes an answer, and only then.
      member.worker.ref();
      member.pending = (reply) => {
        member.pending = undefined;
        member.worker.unref();
        if (reply.kind === 'failed') reject(workerError(reply));
        else resolve(reply);
      };
      member.worker.postMessage(request);
    });
  }

  private settle(member: Member, reply: PoolReply): void {
    member.pending?.(reply);
  }
}

/** A tensor's values in shared memory, which every worker reads without a copy of its own. */
function shared(x: tf.Tensor): WireTensor {
  const values = x.dataSync();
  const size = values.length;
  if (x.dtype === 'int32') {
    const data = new Int32Array(new SharedArrayBuffer(size * 4));
    data.set(values);
    return { data, shape: x.shape };
  }
  const data = new Float32Array(new SharedArrayBuffer(size * 4));
  data.set(values);
  return { data, shape: x.shape };
}

/** The workers' rows of each output, in order, as one tensor per output. */
function joinRows(parts: WireTensor[][]): tf.Tensor[] {
  const first = parts[0] ?? [];
  return first.map((_, o) => {
    const pieces = parts.map((p) => required(p[o], 'output rows'));
    const [, ...rest] = required(pieces[0], 'output rows').shape;
    const batch = pieces.reduce((n, p) => n + (p.shape[0] ?? 0), 0);
    const values = new Float32Array(pieces.reduce((n, p) => n + p.data.length, 0));
    let offset = 0;
    for (const p of pieces) {
      values.set(p.data, offset);
      offset += p.data.length;
    }
    return tf.tensor(values, [batch, ...rest]);
  });
}

function failure(e: Error): PoolReply {
  return { kind: 'failed', message: e.message, name: e.name };
}

function workerError(reply: Extract<PoolReply, { kind: 'failed' }>): Error {
  const error = new Error(`a PredictPool worker failed: ${reply.message}`);
  error.name = reply.name;
  return error;
}
