import type * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { Model } from '../model.js';
import { History, type Callback, type TrainingParams } from './callbacks.js';
import {
  checkBatchSize,
  disposeDataset,
  gatherDataset,
  shuffledIndices,
  sliceDataset,
  splitValidation,
  toDataset,
  type Dataset,
  type TensorData,
} from './data.js';
import { evaluateDataset } from './evaluate.js';
import { ensureGradients } from './gradients.js';
import { LogAccumulator, logKeys, type Logs } from './logs.js';
import { ProgressCallback } from './progress-callback.js';
import { checkTargets, requireCompiled, trainStep } from './train-step.js';
import { seededRandom } from '../seeded-random.js';

/** Options of `model.fit()`. */
export interface FitOptions {
  /** Passes over the training data. Default 1. */
  epochs?: number;
  /** Samples per optimizer step. Default 32. */
  batchSize?: number;
  /** Fraction in (0, 1): the last samples, before shuffling, are held out for validation (Keras). */
  validationSplit?: number;
  /** `[x, y]` or `[x, y, sampleWeight]` to evaluate at each epoch end (instead of `validationSplit`). */
  validationData?: [TensorData, TensorData] | [TensorData, TensorData, tf.Tensor];
  /** Shuffle the training samples before each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffling, for runs that repeat exactly. Default: a random one. */
  seed?: number;
  /** Hooks called during training (a {@link History} is always added and returned). */
  callbacks?: Callback | Callback[];
  /** 0: silent; 1 (default) or 2: a progress bar per epoch on a TTY (Node's stderr). */
  verbose?: 0 | 1 | 2;
  /** One weight per sample `[batch]`, or per sample and step `[batch, time]` for sequence outputs. */
  sampleWeight?: tf.Tensor;
}

function checkOptions(model: Model, o: FitOptions): { epochs: number; batchSize: number } {
  const epochs = o.epochs ?? 1;
  if (!(Number.isInteger(epochs) && epochs > 0)) {
    throw new ConfigError(
      `epochs must be a positive integer, received ${String(o.epochs)}`,
      model.name,
    );
  }
  if (o.validationSplit !== undefined && o.validationData !== undefined) {
    throw new ConfigError('give validationSplit or validationData, not both', model.name);
  }
  if (
    o.validationData !== undefined &&
    !(Array.isArray(o.validationData) && o.validationData.length >= 2)
  ) {
    throw new ConfigError('validationData must be [x, y] or [x, y, sampleWeight]', model.name);
  }
  return { epochs, batchSize: checkBatchSize(o.batchSize, model.name) };
}

/** Runs every callback's hook in order, awaiting each. */
async function call<K extends keyof Callback>(
  callbacks: Callback[],
  hook: K,
  ...args: Parameters<NonNullable<Callback[K]>>
): Promise<void> {
  for (const c of callbacks) {
    const f = c[hook] as ((...a: unknown[]) => unknown) | undefined;
    if (f) await f.apply(c, args);
  }
}

/**
 * Trains the model for `epochs` passes over `x` and `y` (see {@link FitOptions})
 * and resolves to the {@link History}. Everything is checked before the first
 * step; every tensor made for batches is freed as it goes.
 */
export async function fit(
  model: Model,
  x: TensorData,
  y: TensorData,
  options: FitOptions = {},
): Promise<History> {
  const compiled = requireCompiled(model, 'fit');
  const { epochs, batchSize } = checkOptions(model, options);
  const all = toDataset(model, x, y, options.sampleWeight);
  checkTargets(model, compiled, all.ys);
  let validation: Dataset | undefined;
  if (options.validationData) {
    const [vx, vy, vw] = options.validationData;
    validation = toDataset(model, vx, vy, vw);
    checkTargets(model, compiled, validation.ys);
  }
  model.checkBackend();
  await ensureGradients();
  const split =
    options.validationSplit === undefined
      ? undefined
      : splitValidation(all, options.validationSplit, model.name);
  try {
    const train = split?.train ?? all;
    validation = split?.validation ?? validation;
    const history = new History();
    const verbose = options.verbose ?? 1;
    const user = options.callbacks === undefined ? [] : [options.callbacks].flat();
    const callbacks: Callback[] = [
      history,
      ...(verbose > 0 ? [new ProgressCallback()] : []),
      ...user,
    ];
    const steps = Math.ceil(train.size / batchSize);
    const params: TrainingParams = {
      epochs,
      steps,
      samples: train.size,
      batchSize,
      verbose,
      doValidation: validation !== undefined,
    };
    callbacks.forEach((c) => {
      c.setModel?.(model);
      c.setParams?.(params);
    });
    const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    const keys = logKeys(compiled);
    model.stopTraining = false;
    let epochLogs: Logs = {};
    await call(callbacks, 'onTrainBegin', {});
    for (let epoch = 0; epoch < epochs && !model.stopTraining; epoch++) {
      await call(callbacks, 'onEpochBegin', epoch, {});
      const order = options.shuffle === false ? undefined : shuffledIndices(train.size, random);
      const running = new LogAccumulator(keys);
      for (let b = 0; b < steps; b++) {
        const start = b * batchSize;
        const size = Math.min(batchSize, train.size - start);
        await call(callbacks, 'onBatchBegin', b, { size });
        const batch = order
          ? gatherDataset(train, order.subarray(start, start + size))
          : sliceDataset(train, start, size);
        let values: Float32Array;
        try {
          values = await trainStep(model, compiled, batch);
        } finally {
          disposeDataset(batch);
        }
        running.add(values, size);
        const one = new LogAccumulator(keys);
        one.add(values, size);
        await call(callbacks, 'onBatchEnd', b, { ...one.result(), size });
      }
      epochLogs = running.result();
      if (validation) {
        Object.assign(
          epochLogs,
          await evaluateDataset(model, compiled, validation, batchSize, 'val_'),
        );
      }
      await call(callbacks, 'onEpochEnd', epoch, epochLogs);
    }
    await call(callbacks, 'onTrainEnd', epochLogs);
    return history;
  } finally {
    if (split) {
      disposeDataset(split.train);
      disposeDataset(split.validation);
    }
  }
}
