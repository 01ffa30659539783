import type * as tf from '@tensorflow/tfjs-core';
import { at } from '../checked.js';
import { ConfigError } from '../errors.js';
import type { Model } from '../model.js';
import { getLoss, type Loss, type LossIdentifier } from './losses.js';
import { getMetric, type Metric, type MetricIdentifier } from './metrics.js';
import { getOptimizer, type OptimizerIdentifier } from './optimizers.js';

/** Options of `model.compile()`. */
export interface CompileOptions {
  /** A name (`'adam'`, `'sgd'`, `'rmsprop'` ...) or a `tf.train.*` optimizer. */
  optimizer: OptimizerIdentifier;
  /**
   * One loss for every output, a list with one per output, or a map from
   * output layer name to loss. The model's loss is their sum (Keras).
   */
  loss: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  /**
   * Metrics for every output (a list), or a map from output layer name to that
   * output's metrics. `'accuracy'` picks binary, categorical or sparse
   * accuracy from the loss and shapes, as Keras does.
   */
  metrics?: MetricIdentifier[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
}

/** One output's loss and metrics, as compiled. */
export interface CompiledOutput {
  /** The output layer's name (the key of loss and metric maps). */
  readonly name: string;
  readonly loss: Loss;
  /** Metrics with their log keys; `metric` is null until `'accuracy'` is settled on the first batch. */
  readonly metrics: { key: string; id: MetricIdentifier; metric: Metric | null }[];
}

/** What `compile()` leaves on a model. */
export interface CompiledTraining {
  readonly optimizer: tf.Optimizer;
  /** True when compile() made the optimizer from a name: the model then disposes it. */
  readonly ownsOptimizer: boolean;
  readonly outputs: CompiledOutput[];
}

function isIdentifierMap(x: unknown): x is Record<string, unknown> {
  return (
    x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    typeof (x as { compute?: unknown }).compute !== 'function'
  );
}

/** Per-output values from a single value, a list (one per output) or a map by output name. */
function perOutput<T>(
  value: T | T[] | Record<string, T>,
  names: string[],
  what: string,
  where: string,
): (T | undefined)[] {
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new ConfigError(
        `${what}: expected one per output (${names.length}: ${names.join(', ')}), received ${value.length}`,
        where,
      );
    }
    return value;
  }
  if (isIdentifierMap(value)) {
    const unknown = Object.keys(value).filter((k) => !names.includes(k));
    if (unknown.length > 0) {
      throw new ConfigError(
        `${what}: no output named ${unknown.map((k) => `'${k}'`).join(', ')}; outputs: ${names.join(', ')}`,
        where,
      );
    }
    return names.map((n) => value[n] as T | undefined);
  }
  return names.map(() => value as T);
}

/** Checks and resolves `compile()` options; throws `ConfigError` before changing anything. */
export function compileOptions(model: Model, options: CompileOptions): CompiledTraining {
  const where = model.name;
  if (options === null || typeof options !== 'object') {
    throw new ConfigError(`compile() needs {optimizer, loss}, received ${String(options)}`, where);
  }
  if (model.outputs.length === 0) {
    throw new ConfigError(
      'compile() needs a built model: give the first layer an inputShape, or call the model once',
      where,
    );
  }
  if (options.loss === undefined) {
    throw new ConfigError('compile() needs a loss, e.g. {loss: "categoricalCrossentropy"}', where);
  }
  if (options.optimizer === undefined) {
    throw new ConfigError('compile() needs an optimizer, e.g. {optimizer: "adam"}', where);
  }
  const names = model.outputs.map((t) => t.sourceLayer.name);
  const losses = perOutput(options.loss, names, 'loss', where).map((l, i) => {
    if (l === undefined) {
      throw new ConfigError(
        `loss: output '${names[i]}' has no loss; outputs: ${names.join(', ')}`,
        where,
      );
    }
    return getLoss(l, where);
  });
  const metricsOption = options.metrics;
  const metricsByOutput: (MetricIdentifier | MetricIdentifier[] | undefined)[] = isIdentifierMap(
    metricsOption,
  )
    ? perOutput(
        metricsOption as Record<string, MetricIdentifier | MetricIdentifier[]>,
        names,
        'metrics',
        where,
      )
    : names.map(() => (metricsOption as MetricIdentifier[] | undefined) ?? []);
  const several = names.length > 1;
  const outputs = names.map((name, i) => {
    const raw = metricsByOutput[i];
    const ids = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const metrics = ids.map((id) => {
      const metric = getMetric(id, where);
      const base = metric?.name ?? (id as string);
      return { key: several ? `${name}_${base}` : base, id, metric };
    });
    return { name, loss: at(losses, i, 'loss'), metrics };
  });
  const optimizer = getOptimizer(options.optimizer, where);
  return { optimizer, ownsOptimizer: typeof options.optimizer === 'string', outputs };
}
