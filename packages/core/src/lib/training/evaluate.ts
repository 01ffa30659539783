import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model.js';
import type { CompiledTraining } from './compile.js';
import {
  checkBatchSize,
  disposeDataset,
  sliceDataset,
  toDataset,
  type Dataset,
  type TensorData,
} from './data.js';
import { LogAccumulator, logKeys, type Logs } from './logs.js';
import { checkTargets, computeBatch, requireCompiled } from './train-step.js';

/** Options of `model.evaluate()`. */
export interface EvaluateOptions {
  /** Samples per forward pass. Default 32. */
  batchSize?: number;
  /** One weight per sample `[batch]`, or per sample and step `[batch, time]`. */
  sampleWeight?: tf.Tensor;
}

/**
 * Loss and metrics of a dataset in inference mode, batch by batch, averaged
 * like `fit` averages an epoch. Keys without prefix; `fit` adds `val_`.
 */
export async function evaluateDataset(
  model: Model,
  compiled: CompiledTraining,
  data: Dataset,
  batchSize: number,
  prefix = '',
): Promise<Logs> {
  const logs = new LogAccumulator(logKeys(compiled));
  for (let start = 0; start < data.size; start += batchSize) {
    const size = Math.min(batchSize, data.size - start);
    const summary = tf.tidy(() => {
      const batch = sliceDataset(data, start, size);
      const values = computeBatch(model, compiled, batch, false);
      disposeDataset(batch);
      return tf.stack(values);
    });
    try {
      logs.add(await summary.data(), size);
    } finally {
      summary.dispose();
    }
  }
  return logs.result(prefix);
}

/**
 * The model's loss and metrics on `x` and `y` (inference mode: Dropout off,
 * BatchNormalization on its moving statistics). Returns `{loss, ...metrics}`.
 */
export async function evaluate(
  model: Model,
  x: TensorData,
  y: TensorData,
  options: EvaluateOptions = {},
): Promise<Logs> {
  const compiled = requireCompiled(model, 'evaluate');
  const batchSize = checkBatchSize(options.batchSize, model.name);
  const data = toDataset(model, x, y, options.sampleWeight);
  checkTargets(model, compiled, data.ys);
  model.checkBackend();
  return evaluateDataset(model, compiled, data, batchSize);
}
