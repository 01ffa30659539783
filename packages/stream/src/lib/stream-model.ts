import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  DisposedError,
  formatShape,
  isShapeList,
  Model,
  ShapeError,
  StreamError,
} from '@framewise/core';
import { ExactRunner } from './exact.js';
import { planStream, type StreamPlan } from './plan.js';
import { WindowRunner } from './window.js';

/** Options of `streamModel()`. */
export interface StreamOptions {
  /**
   * Steps the model sees in window mode. Defaults to the length of the
   * model's time axis when it is fixed; required when it is open.
   */
  window?: number;
  /**
   * `auto` (default): exact when every layer is causal, else a window.
   * `exact`: refuse (`StreamError`) a model with a layer that sees later
   * steps. `window`: a window even for a causal model.
   */
  mode?: 'auto' | 'exact' | 'window';
}

/** A model fed frames as they arrive; made by `streamModel()`. */
export interface ModelStream {
  /** `exact`: one step of work per frame, outputs equal to `predict` on everything pushed; `window`: `predict` on the last `window` steps. */
  readonly mode: 'exact' | 'window';
  /** Why this mode, naming the first layer that sees later steps when there is one. */
  readonly reason: string;
  /**
   * Feeds frames: `[batch, ...frame]` (one step) or `[batch, n, ...frame]`
   * (`n` steps). Returns, per model output, `[batch, n, ...]`: in exact mode
   * the steps' outputs (for a model that reduces time, its output after each
   * step); in window mode the model's output on the window after each step.
   * The caller owns (and disposes) what it returns.
   */
  push(frames: tf.Tensor): tf.Tensor | tf.Tensor[];
  /** Forgets every pushed frame (states, window); the next push may change the batch size. */
  reset(): void;
  /** Frees the stream's tensors; the model is left alone. Pushing afterwards throws `DisposedError`. */
  dispose(): void;
}

/**
 * Streams a model with one input `[batch, time, ...frame]` frame by frame.
 * Exact when every layer is causal (per-step layers, TimeDistributed,
 * unidirectional RNNs, causal Conv1D); otherwise a sliding window, where the
 * per-frame front of the graph runs once per frame and is cached. Refuses
 * (`StreamError`) stateful layers, several inputs, and a window it cannot
 * size.
 */
export function streamModel(model: Model, options: StreamOptions = {}): ModelStream {
  if (!(model instanceof Model)) {
    throw new ConfigError(`streamModel() expects a Model, received ${describe(model)}`);
  }
  model.throwIfDisposed('streamModel');
  const mode = options.mode ?? 'auto';
  if (!['auto', 'exact', 'window'].includes(mode)) {
    throw new ConfigError(
      `streamModel() mode must be 'auto', 'exact' or 'window', received ${JSON.stringify(mode)}`,
      model.name,
    );
  }
  const given = options.window;
  if (given !== undefined && !(Number.isInteger(given) && given >= 1)) {
    throw new ConfigError(
      `window must be a positive integer, received ${String(given)}`,
      model.name,
    );
  }
  const plan = planStream(model);
  const cause = plan.firstNonCausal;
  const causeText = cause
    ? `${cause.node.outboundLayer.className} '${cause.node.outboundLayer.name}' sees later steps (${cause.reason})`
    : undefined;
  if (mode === 'exact' && causeText !== undefined) {
    throw new StreamError(`exact streaming is impossible: ${causeText}`, model.name);
  }
  if (mode === 'exact' || (mode === 'auto' && causeText === undefined)) {
    return new Stream(model, plan, 'exact', 'exact: every layer is causal', undefined);
  }
  const time = plan.input.shape[1] ?? null;
  const window = options.window ?? time ?? undefined;
  if (window === undefined) {
    throw new StreamError(
      `window mode needs a window: ${causeText ?? 'window mode was asked for'}, and the model's ` +
        `time axis is open; pass streamModel(model, { window: 16 })`,
      model.name,
    );
  }
  if (time !== null && window !== time) {
    throw new StreamError(
      `the model's input has ${time} steps, so the window must be ${time}, received ${window}`,
      model.name,
    );
  }
  const why = causeText ?? 'window mode was asked for';
  return new Stream(
    model,
    plan,
    'window',
    `window: ${why}`,
    new WindowRunner(plan, window, time !== null),
  );
}

class Stream implements ModelStream {
  private readonly exact: ExactRunner | undefined;
  private batch: number | undefined;
  private disposed = false;
  /** Whether the model was built with a list of outputs (`predict` returns a list then). */
  private readonly listOutput: boolean;

  constructor(
    private readonly model: Model,
    private readonly plan: StreamPlan,
    readonly mode: 'exact' | 'window',
    readonly reason: string,
    private readonly windowed: WindowRunner | undefined,
  ) {
    this.exact = windowed ? undefined : new ExactRunner(plan);
    this.listOutput = isShapeList(model.computeOutputShape(plan.input.shape));
  }

  push(frames: tf.Tensor): tf.Tensor | tf.Tensor[] {
    if (this.disposed) {
      throw new DisposedError(
        'push() on a disposed stream; make a new one with streamModel()',
        this.model.name,
      );
    }
    this.model.throwIfDisposed('push');
    const chunk = this.checkFrames(frames);
    const outputs = tf.tidy(() => {
      const x = chunk.rank === this.plan.input.shape.length ? chunk : tf.expandDims(chunk, 1);
      return this.exact ? this.exact.run(x) : (this.windowed as WindowRunner).run(x);
    });
    this.batch = chunk.shape[0];
    return this.listOutput ? outputs : (outputs[0] as tf.Tensor);
  }

  private checkFrames(frames: tf.Tensor): tf.Tensor {
    if (!(frames instanceof tf.Tensor)) {
      throw new ShapeError(
        `push() expects a tf.Tensor, received ${describe(frames)}`,
        this.model.name,
      );
    }
    const shape = this.plan.input.shape;
    const frame = shape.slice(2);
    const rank = frames.rank;
    const got = rank === shape.length ? frames.shape.slice(2) : frames.shape.slice(1);
    const fits =
      (rank === shape.length || rank === shape.length - 1) &&
      got.every((d, i) => frame[i] === null || frame[i] === d) &&
      (rank === shape.length - 1 || (frames.shape[1] ?? 0) > 0);
    if (!fits) {
      throw new ShapeError(
        `push() expects [batch, ...frame] or [batch, steps, ...frame] with frame ${formatShape(frame)}, ` +
          `received ${formatShape(frames.shape)}`,
        this.model.name,
      );
    }
    const batch = frames.shape[0] as number;
    if (this.batch !== undefined && batch !== this.batch) {
      throw new ShapeError(
        `the stream holds ${this.batch} sample(s) per push, received ${batch}; call reset() to change it`,
        this.model.name,
      );
    }
    return frames;
  }

  reset(): void {
    this.exact?.reset();
    this.windowed?.reset();
    this.batch = undefined;
  }

  dispose(): void {
    this.reset();
    this.disposed = true;
  }
}

function describe(x: unknown): string {
  if (x instanceof tf.Tensor) return `tf.Tensor ${formatShape(x.shape)}`;
  return x === null ? 'null' : typeof x;
}
