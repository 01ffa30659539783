import * as tf from '@tensorflow/tfjs-core';
import { at } from '../checked.js';
import { ConfigError, InternalError, ShapeError } from '../errors.js';
import type { Model } from '../model.js';
import { formatShape } from '../shape.js';
import type { CompiledTraining } from './compile.js';
import { disposeAbandonedTape, ensureGradients } from './gradients.js';
import { toDataset, type Dataset, type TensorData } from './data.js';
import { LogAccumulator, logKeys, type Logs } from './logs.js';
import { accuracyFor } from './metrics.js';
import { metricSums, reduceLoss } from './weighting.js';
import {
  applyConstraints,
  collectActivityLosses,
  weightPenalty,
} from '../weight-training/penalties.js';

/**
 * The compiled state of a model; a `DisposedError` after `dispose()`, or a
 * `ConfigError` saying to call `compile()` first.
 */
export function requireCompiled(model: Model, what: string): CompiledTraining {
  model.throwIfDisposed(what);
  const compiled = model.compiled;
  if (compiled === undefined) {
    throw new ConfigError(
      `${what}() needs a compiled model: call model.compile({optimizer, loss, metrics}) first`,
      model.name,
    );
  }
  return compiled;
}

/**
 * Checks each target against its output's shape before any step runs, so a
 * `[batch]` target against a `[batch, 1]` output fails instead of broadcasting
 * to `[batch, batch]`. Sparse losses take the output shape without the class
 * axis (or with it as 1).
 */
export function checkTargets(model: Model, compiled: CompiledTraining, ys: tf.Tensor[]): void {
  compiled.outputs.forEach((o, i) => {
    const out = at(model.outputs, i, 'model output').shape.slice(1);
    const target = at(ys, i, 'target');
    const got = target.shape.slice(1);
    const fits = (expected: (number | null)[]): boolean =>
      expected.length === got.length && expected.every((d, k) => d === null || d === got[k]);
    const ok =
      o.loss.kind === 'sparse'
        ? fits(out.slice(0, -1)) || fits([...out.slice(0, -1), 1])
        : fits(out);
    if (!ok) {
      const expected =
        o.loss.kind === 'sparse'
          ? `${formatShape([null, ...out.slice(0, -1)])} (class indices)`
          : formatShape([null, ...out]);
      throw new ShapeError(
        `targets for output '${o.name}' (${o.loss.name}): expected shape ${expected}, received ${formatShape(target.shape)}`,
        model.name,
      );
    }
  });
}

/**
 * One forward pass with losses and metric sums, as scalars laid out for
 * `LogAccumulator.add`: total loss, per-output losses (several outputs only),
 * then Σ value·weight and Σ weight per metric. The total (summed over
 * outputs, plus the weight and activity penalties, as Keras does) is first,
 * and is what gradients are taken of.
 */
export function computeBatch(
  model: Model,
  compiled: CompiledTraining,
  batch: Dataset,
  training: boolean,
): tf.Scalar[] {
  const {
    result: { outputs, masks },
    losses: activity,
  } = collectActivityLosses(() => model.runGraph(batch.xs, { training }));
  const losses: tf.Scalar[] = [];
  const metrics: tf.Scalar[] = [];
  compiled.outputs.forEach((o, i) => {
    const yTrue = at(batch.ys, i, 'target');
    const yPred = at(outputs, i, 'model output');
    const mask = masks[i] ?? null;
    losses.push(reduceLoss(o.loss.compute(yTrue, yPred), batch.sampleWeight, mask, model.name));
    for (const m of o.metrics) {
      // 'accuracy' needs the loss and the shapes: settled once, on the first batch.
      m.metric ??= accuracyFor(o.loss, yTrue.shape, yPred.shape, m.key);
      metrics.push(
        ...metricSums(m.metric.compute(yTrue, yPred), batch.sampleWeight, mask, model.name),
      );
    }
  });
  const penalties = [...activity];
  const weights = weightPenalty(model.allWeights());
  if (weights !== undefined) penalties.push(weights);
  const terms = [...losses, ...penalties];
  const [only, ...more] = terms;
  const total = only && more.length === 0 ? only : (tf.addN(terms) as tf.Scalar);
  return [total, ...(losses.length > 1 ? losses : []), ...metrics];
}

/**
 * One training step: forward in training mode, gradients of the total loss
 * with respect to the trainable weights only (`model.trainableWeights`: frozen
 * layers and frozen inner layers are left out), one optimizer update, then
 * the weights' constraints. Returns
 * the batch's values (see `computeBatch`), read after the update.
 */
export async function trainStep(
  model: Model,
  compiled: CompiledTraining,
  batch: Dataset,
): Promise<Float32Array> {
  const vars = model.trainableWeights.map((w) => w.value).filter((v) => v.trainable);
  let summary: tf.Tensor | undefined;
  const f = (): tf.Scalar => {
    const values = computeBatch(model, compiled, batch, true);
    // Kept out of the gradient's tidy so the logs survive it.
    summary = tf.keep(tf.stack(values));
    return at(values, 0, 'total loss');
  };
  try {
    if (vars.length === 0) {
      tf.tidy(() => void f());
    } else {
      let result: ReturnType<typeof tf.variableGrads>;
      try {
        result = tf.variableGrads(f, vars);
      } catch (e) {
        disposeAbandonedTape();
        throw e;
      }
      const { value, grads } = result;
      try {
        compiled.optimizer.applyGradients(grads);
        applyConstraints(model.trainableWeights.filter((w) => w.value.trainable));
      } finally {
        tf.dispose([value, ...Object.values(grads)]);
      }
    }
    if (summary === undefined) throw new InternalError('the training step kept no values');
    return (await summary.data()) as Float32Array;
  } finally {
    summary?.dispose();
  }
}

/** Options of `model.trainOnBatch()`. */
export interface TrainOnBatchOptions {
  /** One weight per sample `[batch]`, or per sample and step `[batch, time]` for sequence outputs. */
  sampleWeight?: tf.Tensor;
}

/**
 * One optimizer step on one batch (the whole of `x` and `y`). Returns the
 * batch's loss and metrics, computed in the forward pass before the update.
 */
export async function trainOnBatch(
  model: Model,
  x: TensorData,
  y: TensorData,
  options: TrainOnBatchOptions = {},
): Promise<Logs> {
  const compiled = requireCompiled(model, 'trainOnBatch');
  const data = toDataset(model, x, y, options.sampleWeight);
  checkTargets(model, compiled, data.ys);
  model.checkBackend();
  await ensureGradients();
  const logs = new LogAccumulator(logKeys(compiled));
  logs.add(await trainStep(model, compiled, data), data.size);
  return logs.result();
}
