import { InternalError } from '../errors.js';
import type { Callback, TrainingParams } from './callbacks.js';
import type { Logs } from './logs.js';
import { ProgressBar, type ProgressStream } from './progress-bar.js';

/**
 * `fit`'s `verbose` output: one {@link ProgressBar} per epoch with the running
 * loss and metrics, then the epoch's final and validation values. Quiet where
 * the stream is not a TTY.
 */
export class ProgressCallback implements Callback {
  private params: TrainingParams | undefined;
  private bar: ProgressBar | undefined;
  // Running means weighted by batch size, as Keras' bar shows them.
  private sums: Record<string, number> = {};
  private seen = 0;

  constructor(private readonly stream?: ProgressStream | null) {}

  setParams(params: TrainingParams): void {
    this.params = params;
  }

  onEpochBegin(epoch: number): void {
    const p = this.params;
    if (p === undefined) throw new InternalError('onEpochBegin() came before setParams()');
    this.sums = {};
    this.seen = 0;
    this.bar = new ProgressBar({
      total: p.steps,
      title: `Epoch ${epoch + 1}/${p.epochs}`,
      ...(this.stream !== undefined ? { stream: this.stream } : {}),
    });
  }

  onBatchEnd(batch: number, logs: Logs): void {
    if (!this.bar?.active) return;
    const { size = 1, ...values } = logs;
    this.seen += size;
    const shown: Logs = {};
    for (const [k, v] of Object.entries(values)) {
      this.sums[k] = (this.sums[k] ?? 0) + v * size;
      shown[k] = this.sums[k] / this.seen;
    }
    this.bar.update(batch + 1, shown);
  }

  onEpochEnd(_epoch: number, logs: Logs): void {
    this.bar?.done(logs);
  }
}
