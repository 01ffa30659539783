import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { Model } from '../model.js';
import type { Logs } from './logs.js';

/** What `fit` tells callbacks before training starts. */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  /** Training samples (after the validation split). */
  samples: number;
  batchSize: number;
  verbose: number;
  /** Whether validation runs at each epoch end (its logs are `val_` prefixed). */
  doValidation: boolean;
}

/**
 * Hooks `fit` calls while training; every one is optional and may be async
 * (`fit` awaits it). Set `model.stopTraining = true` to stop after the
 * current epoch. Epoch and batch numbers start at 0.
 */
export interface Callback {
  /** Called first, with the model being trained. */
  setModel?(model: Model): void;
  /** Called first, with the run's parameters. */
  setParams?(params: TrainingParams): void;
  onTrainBegin?(logs: Logs): void | Promise<void>;
  /** `logs` are the last epoch's. */
  onTrainEnd?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  /** `logs`: the epoch's averages, and the validation ones with `val_`. */
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  /** `logs.size`: samples in this batch. */
  onBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  /** `logs`: this batch's loss and metrics, and `size`. */
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
}

/** The record `fit` resolves to: every epoch's logs, by key (Keras' `History`). */
export class History implements Callback {
  /** The epochs that ran (0-based). */
  readonly epoch: number[] = [];
  /** One list per log key (`loss`, `accuracy`, `val_loss` ...), one value per epoch. */
  readonly history: Record<string, number[]> = {};
  /** The run's parameters. */
  params: TrainingParams | undefined;

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** The log key to watch. Default `'val_loss'`. */
  monitor?: string;
  /** The least change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** `'min'`, `'max'`, or `'auto'` (max for accuracies, min otherwise). Default `'auto'`. */
  mode?: 'auto' | 'min' | 'max';
  /** When stopping, set the weights back to the best epoch's. Default false. */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when the monitored value stops improving (Keras'
 * `EarlyStopping`): after `patience` epochs without an improvement of at
 * least `minDelta`, it sets `model.stopTraining`; with `restoreBestWeights`
 * it first restores the weights of the best epoch.
 */
export class EarlyStopping implements Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly restoreBestWeights: boolean;
  /** The epoch training stopped at, or -1. */
  stoppedEpoch = -1;
  /** The best monitored value seen. */
  best = Infinity;
  private wait = 0;
  private model: Model | undefined;
  private bestWeights: tf.Tensor[] | undefined;

  constructor(options: EarlyStoppingOptions = {}) {
    this.monitor = options.monitor ?? 'val_loss';
    this.minDelta = Math.abs(options.minDelta ?? 0);
    this.patience = options.patience ?? 0;
    if (!(Number.isInteger(this.patience) && this.patience >= 0)) {
      throw new ConfigError(
        `EarlyStopping patience must be an integer >= 0, received ${String(options.patience)}`,
      );
    }
    const mode = options.mode ?? 'auto';
    if (!['auto', 'min', 'max'].includes(mode)) {
      throw new ConfigError(
        `EarlyStopping mode must be 'auto', 'min' or 'max', received '${String(mode)}'`,
      );
    }
    this.mode =
      mode === 'auto' ? (/acc|auc/.test(this.monitor) ? 'max' : 'min') : (mode as 'min' | 'max');
    this.restoreBestWeights = options.restoreBestWeights ?? false;
  }

  setModel(model: Model): void {
    this.model = model;
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.stoppedEpoch = -1;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.dropBest();
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    const current = logs[this.monitor];
    if (current === undefined) {
      throw new ConfigError(
        `EarlyStopping monitors '${this.monitor}', which is not in the logs; available: ${Object.keys(logs).join(', ')}`,
      );
    }
    const improved =
      this.mode === 'min'
        ? current < this.best - this.minDelta
        : current > this.best + this.minDelta;
    if (improved) {
      this.best = current;
      this.wait = 0;
      if (this.restoreBestWeights && this.model) {
        this.dropBest();
        this.bestWeights = this.model.getWeights().map((w) => tf.clone(w));
      }
      return;
    }
    this.wait++;
    // Keras: stop once `patience` epochs in a row brought no improvement.
    if (this.wait >= this.patience) {
      this.stoppedEpoch = epoch;
      if (this.model) {
        this.model.stopTraining = true;
        if (this.restoreBestWeights && this.bestWeights) this.model.setWeights(this.bestWeights);
      }
    }
  }

  onTrainEnd(): void {
    this.dropBest();
  }

  private dropBest(): void {
    if (this.bestWeights) tf.dispose(this.bestWeights);
    this.bestWeights = undefined;
  }
}
