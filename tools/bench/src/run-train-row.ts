/** One training-step row on the active backend: set up, check the sides agree, time, dispose, count leaks. */
import * as tf from '@tensorflow/tfjs-core';
import {
  DisagreementError,
  finishOf,
  maxAbsDiff,
  timeVariants,
  TOLERANCE,
  type BackendInfo,
  type Finish,
  type Stats,
  type Timed,
  type TimingPlan,
} from '@framewise/bench';
import { at, entry, required } from '@framewise/core';
import { setupTrainRow, TRAIN_SIDES, type TrainSetup, type TrainSideName } from './train-setup.js';
import { LEARNING_RATE, trainInputShape, type TrainRowSpec } from './train-rows.js';

/** How a training step is taken, for readers of the JSON and the table. */
export const TRAIN_METHOD =
  `One step = forward in training mode, backward, tf.train.sgd(${LEARNING_RATE}) update, mean-squared ` +
  `error against a fixed target. a: Framewise model.compile({optimizer: sgd, loss: 'meanSquaredError'}) + ` +
  `await model.trainOnBatch(x, y); c: tfjs-layers' TimeDistributed in a tf.sequential, compile + await ` +
  `trainOnBatch (both read the loss back). a′: optimizer.minimize(loss, true, trainableWeights) over Framewise ` +
  `model.apply(x, {training: true}); b (floor): the same over the fused op once on the merged ` +
  `[batch*time, ...] input with plain variables; c′: the same over tfjs-layers' TimeDistributed ` +
  `apply(x, {training: true}) (a′, b, c′ read the returned loss back). Every side has its own copy of the ` +
  `same starting weights; after one step each, every side's weights must equal the floor's (max |Δ| ≤ ` +
  `${TOLERANCE}) before timing. Timing as for the forward rows, all sides of a row in one shuffled order.`;

export interface TrainRowResult {
  backend: string;
  engine: string;
  id: string;
  label: string;
  inputShape: number[];
  units: number;
  /** Medians in ms per step, by side (see `TRAIN_METHOD`). */
  medianMs?: Record<TrainSideName, number>;
  stats?: Record<string, Stats>;
  ratios?: {
    /** c / a: tfjs-layers' trainOnBatch over Framewise's. */
    tfjsLayersOverFramewise: number;
    /** c′ / a′: the same with bare minimize steps. */
    minimizeTfjsLayersOverFramewise: number;
    /** a′ / b: Framewise's minimize step over the floor's. */
    minimizeOverFloor: number;
  };
  /** median − median(floor) in µs per step for a′; `noise` is the floor timed twice (A/A). */
  overheadUs?: { minimize: number; noise: number };
  /** After one step of every side from the same weights: max |side − floor| over the updated weights. */
  maxAbsDiff?: Record<string, number>;
  leakedTensors?: number;
  error?: string;
}

function record(row: TrainRowSpec, backend: BackendInfo): TrainRowResult {
  return {
    backend: backend.label,
    engine: backend.engine,
    id: row.id,
    label: row.label,
    inputShape: trainInputShape(row),
    units: row.units,
  };
}

/**
 * One step of every side from the same weights; every side's updated weights
 * must equal the floor's. Returns the differences; throws `DisagreementError`
 * when any is above tolerance.
 */
async function checkSteps(
  what: string,
  setup: TrainSetup,
  finish: Finish,
): Promise<Record<string, number>> {
  for (const side of setup.sides) {
    const y = side.run();
    if (finish.kind === 'sync') finish.finish(y);
    else await finish.finish(y);
    y.dispose();
  }
  const floor = required(
    setup.sides.find((s) => s.name === 'floor'),
    'floor side',
  ).weights();
  const diffs: Record<string, number> = {};
  for (const side of setup.sides.filter((s) => s.name !== 'floor')) {
    let worst = 0;
    for (const [i, w] of side.weights().entries()) {
      worst = Math.max(worst, await maxAbsDiff(w, at(floor, i, 'floor weight')));
    }
    diffs[side.name] = worst;
  }
  const problems = Object.entries(diffs).filter(([, d]) => !(d <= TOLERANCE));
  if (problems.length > 0) {
    throw new DisagreementError(
      `${what}: the weights after one training step differ from the floor's (tolerance ${TOLERANCE}): ` +
        problems.map(([k, d]) => `${k} max |Δ| = ${d}`).join('; '),
    );
  }
  return diffs;
}

/** Runs one training row on the active backend. Never throws: an error lands in `error`. */
export async function runTrainRow(
  row: TrainRowSpec,
  backend: BackendInfo,
  plan: TimingPlan,
): Promise<TrainRowResult> {
  const result = record(row, backend);
  const tensorsBefore = tf.memory().numTensors;
  let setup: TrainSetup | undefined;
  try {
    setup = setupTrainRow(row);
    const finish = setup.finish(finishOf(backend.completion));
    result.maxAbsDiff = await checkSteps(`${backend.label} ${row.label}`, setup, finish);
    const floor = required(
      setup.sides.find((s) => s.name === 'floor'),
      'floor side',
    );
    const timed: Timed[] = [...setup.sides, { name: 'floorAgain', run: floor.run }];
    const stats = await timeVariants(timed, plan, finish);
    const m = Object.fromEntries(
      TRAIN_SIDES.map((name) => [name, entry(stats, name, 'timing').medianMs]),
    ) as Record<TrainSideName, number>;
    result.medianMs = m;
    result.ratios = {
      tfjsLayersOverFramewise: m.tfjsLayersTrainOnBatch / m.trainOnBatch,
      minimizeTfjsLayersOverFramewise: m.tfjsLayersMinimize / m.minimize,
      minimizeOverFloor: m.minimize / m.floor,
    };
    result.overheadUs = {
      minimize: (m.minimize - m.floor) * 1000,
      noise: (entry(stats, 'floorAgain', 'timing').medianMs - m.floor) * 1000,
    };
    result.stats = Object.fromEntries(stats);
  } catch (e) {
    result.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  } finally {
    setup?.dispose();
  }
  result.leakedTensors = tf.memory().numTensors - tensorsBefore;
  if (result.leakedTensors !== 0 && result.error === undefined) {
    result.error = `${result.leakedTensors} tensor(s) left in the engine after the row was disposed`;
  }
  return result;
}

/** Every training row on the active backend. */
export async function runTrainRows(
  rows: readonly TrainRowSpec[],
  backend: BackendInfo,
  plan: TimingPlan,
  options: { onRow: (r: TrainRowResult, seconds: number) => void },
): Promise<TrainRowResult[]> {
  const results: TrainRowResult[] = [];
  for (const row of rows) {
    const t0 = performance.now();
    const r = await runTrainRow(row, backend, plan);
    results.push(r);
    options.onRow(r, (performance.now() - t0) / 1000);
  }
  return results;
}
