import type * as tf from '@tensorflow/tfjs-core';
import type { Layer, LayerPlugin } from '@framewise/core';

/**
 * The checks of the layer kit, in the order they run.
 *
 * ```ts
 * const only: LayerCheckName[] = ['shapes', 'leaks'];
 * await checkLayerPlugin(spec, { only });
 * ```
 */
export type LayerCheckName =
  'shapes' | 'params' | 'config' | 'time-distributed' | 'leaks' | 'bad-input';

/**
 * Every check name, in run order.
 *
 * ```ts
 * for (const name of LAYER_CHECKS) console.log(name, LAYER_CHECK_TITLES[name]);
 * ```
 */
export const LAYER_CHECKS: readonly LayerCheckName[] = [
  'shapes',
  'params',
  'config',
  'time-distributed',
  'leaks',
  'bad-input',
];

/**
 * What each check verifies, in a line (the Jest test titles).
 *
 * ```ts
 * LAYER_CHECK_TITLES.leaks; // 'repeated apply calls leave tf.memory().numTensors unchanged'
 * ```
 */
export const LAYER_CHECK_TITLES: Readonly<Record<LayerCheckName, string>> = {
  shapes: 'computeOutputShape and symbolic apply match the concrete output shapes',
  params: 'countParams matches the weights, split into trainable and non-trainable',
  config: 'the config survives JSON and rebuilds a layer with the same config and outputs',
  'time-distributed': 'inside timeDistributed, reshape, loop and chunkSize agree with step by step',
  leaks: 'repeated apply calls leave tf.memory().numTensors unchanged',
  'bad-input': 'bad input throws a FramewiseError naming the layer and changes nothing',
};

/**
 * A shape of one input, batch first. `null` marks a size the layer must leave open: the
 * symbolic checks keep it `null`, the concrete ones fill it in (with 3, then 4). The batch
 * axis is always left open in the symbolic checks, whatever is written there.
 *
 * ```ts
 * const sequence: KitShape = [2, null, 8]; // batch 2, any length, 8 features
 * ```
 */
export type KitShape = (number | null)[];

/**
 * The input shapes of one call: a shape for a layer with one input, a list for several.
 *
 * ```ts
 * const one: CallShape = [2, 3];
 * const two: CallShape = [[2, 3], [2, 3]]; // Add, Concatenate ...
 * ```
 */
export type CallShape = KitShape | KitShape[];

/**
 * An input the layer must refuse: the first input at another `rank` (sizes of 2 added after
 * the batch, or axes after the batch dropped), or other `shapes` altogether. With
 * `onceBuilt`, only a layer built on the first input shapes must refuse it: a size or rank
 * its build pins (Dense's features, BatchNormalization's rank).
 *
 * ```ts
 * const bad: BadInput[] = [{ rank: 4, onceBuilt: true }, { shapes: [[2, 3], [2, 4]] }];
 * ```
 */
export interface BadInput {
  rank?: number;
  shapes?: CallShape;
  onceBuilt?: boolean;
}

/**
 * What the layer kit is to check: a plugin, how to make a layer of it, and what to feed it.
 * Keep shapes tiny (a batch of 2, a few features): every check makes fresh layers.
 *
 * ```ts
 * const spec: LayerKitSpec<EmbeddingOptions> = {
 *   plugin: embeddingPlugin,
 *   options: { inputDim: 10, outputDim: 3, maskZero: true },
 *   inputShapes: [[2, 5], [2, null]],
 *   inputValues: integerInputs(10),
 *   skip: { 'bad-input': 'indices of every rank from 1 up are valid' },
 * };
 * ```
 */
export interface LayerKitSpec<O = never> {
  /** The plugin under test: `className`, `create`, `fromConfig`. */
  plugin: LayerPlugin<O>;
  /** Options for `plugin.create`. Give these or `create`. */
  options?: O;
  /** Makes a fresh layer; for layers whose options hold other layers (wrappers). */
  create?: () => Layer;
  /**
   * A few input shapes to call the layer with, e.g. `[[2, 5, 3], [1, null, 3]]`. Each is
   * tried on a fresh layer by the `shapes` check; the first drives every other check.
   */
  inputShapes: CallShape[];
  /** Indices of inputs that are per sample, not per step: passed whole to every step in `timeDistributed`. */
  broadcastInputs?: number[];
  /** Makes an input's values (default seeded N(0, 1) float32); see `integerInputs` for indices. */
  inputValues?: (shape: number[], input: number) => tf.Tensor;
  /** Makes a bool mask for the first input, given that input's concrete shape; passed to every concrete call. */
  mask?: (shape: number[]) => tf.Tensor;
  /** True when calls with `training: true` draw random numbers (Dropout): their outputs are not compared. */
  randomInTraining?: boolean;
  /** The parameter count the built layer must report, when you know it. */
  params?: number;
  /** Largest accepted difference between outputs that should agree (scaled by the value when above 1). Default 1e-5. */
  tolerance?: number;
  /**
   * Ranks of the first input the layer must refuse, built or not. Default: its rank + 2, and
   * 1 when its rank is 3 or more. `[]` leaves only `badInputs` to the `bad-input` check.
   */
  wrongRanks?: number[];
  /** Further inputs the layer must refuse with a FramewiseError naming it. */
  badInputs?: BadInput[];
  /** Time steps of the `timeDistributed` input. Default 3 (chunks of 2 and 1 with chunkSize 2). */
  timeSteps?: number;
  /** Checks to skip, each with the reason the report gives. */
  skip?: Partial<Record<LayerCheckName, string>>;
  /** Seeds the default input values. Default 1. */
  seed?: number;
}

/**
 * The result of one check. A skipped check counts as passed and says why it was skipped.
 *
 * ```ts
 * const failed = report.checks.filter((c: LayerCheckResult) => !c.passed);
 * ```
 */
export interface LayerCheckResult {
  name: LayerCheckName;
  /** What the check verifies. */
  title: string;
  passed: boolean;
  /** What was checked and, on failure, what went wrong, with the numbers. */
  details?: string;
  /** Why the check did not run. */
  skipped?: string;
  /** Milliseconds the check took. */
  ms: number;
}

/**
 * Every check of one plugin.
 *
 * ```ts
 * const report: LayerKitReport = await checkLayerPlugin(spec);
 * if (!report.passed) console.error(formatLayerKitReport(report));
 * ```
 */
export interface LayerKitReport {
  className: string;
  /** True when no check failed. */
  passed: boolean;
  checks: LayerCheckResult[];
  ms: number;
}
