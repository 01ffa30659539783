/**
 * Builds the sides of one training-step row on the active backend. Every side
 * has its own copy of one set of weights and its own `tf.train.sgd`, and takes
 * one step of mean-squared error against one target:
 *
 * - a `trainOnBatch`: Framewise `model.compile({optimizer: sgd, loss: 'meanSquaredError'})`
 *   and `model.trainOnBatch(x, y)` (resolves after reading the loss back);
 * - c `tfjsLayersTrainOnBatch`: the same with tfjs-layers' TimeDistributed in a
 *   `tf.sequential` (`compile` + `trainOnBatch`);
 * - a′ `minimize`: `optimizer.minimize(loss, true, weights)` over Framewise's
 *   `model.apply(x, {training: true})`;
 * - b `floor`: the same over the fused op once on the merged `[batch*time, ...]` input;
 * - c′ `tfjsLayersMinimize`: the same over tfjs-layers' TimeDistributed `apply`.
 *
 * `run` starts a step and returns a tensor that `stepFinish` waits on: the
 * loss for the minimize sides, a marker for the trainOnBatch sides (their
 * promise is what is awaited).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { at, input, model, timeDistributed, type Model } from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import type { Finish, Timed } from '@framewise/bench';
import { LEARNING_RATE, trainInputShape, type TrainRowSpec } from './train-rows.js';

/** Side names, as they appear in the JSON. */
export const TRAIN_SIDES = [
  'trainOnBatch',
  'tfjsLayersTrainOnBatch',
  'minimize',
  'floor',
  'tfjsLayersMinimize',
] as const;
export type TrainSideName = (typeof TRAIN_SIDES)[number];

/** One side: its timed step and the weights the step moves (kernel, bias). */
export interface TrainSide extends Timed {
  name: TrainSideName;
  weights: () => tf.Tensor[];
}

export interface TrainSetup {
  sides: TrainSide[];
  /** Waits for a side's step: a trainOnBatch promise, else the backend's own wait on the loss. */
  finish: (backendFinish: Finish) => Finish;
  /** Frees every tensor, weight and optimizer the setup made. */
  dispose(): void;
}

const SEED = 43;

/** The loss `minimize(..., returnCost = true)` returns. */
function cost(value: tf.Scalar | null): tf.Scalar {
  if (!value) throw new Error('minimize() returned no cost although it was asked for one');
  return value;
}

/** The floor's forward: the fused op once on the merged input, with its own variables. */
function floorForward(row: TrainRowSpec, x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) {
  const merged = row.batch * row.time;
  if (row.kind === 'dense') {
    return (): tf.Tensor => {
      const a = tf.reshape(x, [merged, at(row.rest, 0, 'feature size')]) as tf.Tensor2D;
      const y = tf.fused.matMul({ a, b: kernel as tf.Tensor2D, bias });
      return tf.reshape(y, [row.batch, row.time, row.units]);
    };
  }
  const [h, w, c] = row.rest as [number, number, number];
  return (): tf.Tensor => {
    const x4 = tf.reshape(x, [merged, h, w, c]) as tf.Tensor4D;
    const y = tf.fused.conv2d({
      x: x4,
      filter: kernel as tf.Tensor4D,
      strides: 1,
      pad: 'same',
      bias,
    });
    return tf.reshape(y, [row.batch, row.time, ...y.shape.slice(1)]);
  };
}

function framewiseModel(row: TrainRowSpec, start: tf.Tensor[]): Model {
  const inner =
    row.kind === 'dense'
      ? dense({ units: row.units })
      : conv2d({ filters: row.units, kernelSize: 3, padding: 'same' });
  const x = input({ shape: trainInputShape(row).slice(1) });
  const m = model({ inputs: x, outputs: timeDistributed(inner).apply(x) });
  if (start.length > 0) m.setWeights(start);
  return m;
}

function tfjsLayersModel(row: TrainRowSpec, start: tf.Tensor[]): tfl.Sequential {
  const inner =
    row.kind === 'dense'
      ? tfl.layers.dense({ units: row.units })
      : tfl.layers.conv2d({ filters: row.units, kernelSize: 3, padding: 'same' });
  const m = tfl.sequential({
    layers: [
      tfl.layers.timeDistributed({ layer: inner, inputShape: trainInputShape(row).slice(1) }),
    ],
  });
  m.setWeights(start);
  return m;
}

/**
 * Builds the five sides from one set of weights (Glorot kernel, a non-zero
 * bias), one seeded input and one seeded target.
 */
export function setupTrainRow(row: TrainRowSpec): TrainSetup {
  const shape = trainInputShape(row);
  const x = tf.randomNormal(shape, 0, 1, 'float32', SEED);
  const outShape = [...shape.slice(0, -1), row.units];
  const target = tf.randomNormal(outShape, 0, 1, 'float32', SEED + 1);
  const loss = (forward: () => tf.Tensor) => (): tf.Scalar =>
    tf.losses.meanSquaredError(target, forward()) as tf.Scalar;

  const first = framewiseModel(row, []);
  const bias = tf.randomNormal([row.units], 0, 0.5, 'float32', SEED + 2);
  first.setWeights([at(first.getWeights(), 0, 'kernel'), bias]);
  const start = first.getWeights().map((w) => tf.clone(w));
  bias.dispose();

  const optimizers: tf.Optimizer[] = [];
  const sgd = (): tf.Optimizer => {
    const o = tf.train.sgd(LEARNING_RATE);
    optimizers.push(o);
    return o;
  };
  const pending = new Map<number, Promise<unknown>>();
  const marked = (p: Promise<unknown>): tf.Tensor => {
    const marker = tf.scalar(0);
    pending.set(marker.id, p);
    return marker;
  };

  // a: Framewise trainOnBatch.
  first.compile({ optimizer: sgd(), loss: 'meanSquaredError' });
  // c: tfjs-layers trainOnBatch.
  const ref = tfjsLayersModel(row, start);
  ref.compile({ optimizer: sgd(), loss: 'meanSquaredError' });
  // a′: Framewise minimize.
  const second = framewiseModel(row, start);
  const secondVars = second.trainableWeights.map((w) => w.value);
  const secondOpt = sgd();
  // b: the floor.
  const floorVars = start.map((w) => tf.variable(w, true));
  const floorOpt = sgd();
  const floorLoss = loss(
    floorForward(row, x, at(floorVars, 0, 'floor kernel'), at(floorVars, 1, 'floor bias')),
  );
  // c′: tfjs-layers minimize.
  const ref2 = tfjsLayersModel(row, start);
  const td2 = at(ref2.layers, 0, 'TimeDistributed layer');
  const ref2Vars = ref2.trainableWeights.map((w) => w.read() as tf.Variable);
  const ref2Opt = sgd();
  tf.dispose(start);

  const capped = (side: TrainSide): TrainSide =>
    row.tfjsLayersMaxReps === undefined
      ? side
      : { ...side, maxReps: row.tfjsLayersMaxReps, warmupCalls: 1 };
  const sides: TrainSide[] = [
    {
      name: 'trainOnBatch',
      run: () => marked(first.trainOnBatch(x, target)),
      weights: () => first.getWeights(),
    },
    capped({
      name: 'tfjsLayersTrainOnBatch',
      run: () => marked(ref.trainOnBatch(x, target)),
      weights: () => ref.getWeights(),
    }),
    {
      name: 'minimize',
      run: () =>
        cost(
          secondOpt.minimize(
            loss(() => second.apply(x, { training: true })),
            true,
            secondVars,
          ),
        ),
      weights: () => second.getWeights(),
    },
    {
      name: 'floor',
      run: () => cost(floorOpt.minimize(floorLoss, true, floorVars)),
      weights: () => floorVars,
    },
    capped({
      name: 'tfjsLayersMinimize',
      run: () =>
        cost(
          ref2Opt.minimize(
            loss(() => td2.apply(x, { training: true }) as tf.Tensor),
            true,
            ref2Vars,
          ),
        ),
      weights: () => ref2.getWeights(),
    }),
  ];
  return {
    sides,
    finish: (backendFinish) => ({
      kind: 'async',
      finish: async (y) => {
        const p = pending.get(y.id);
        if (p === undefined) return backendFinish.finish(y);
        pending.delete(y.id);
        await p;
      },
    }),
    dispose() {
      optimizers.forEach((o) => o.dispose());
      for (const m of [ref, ref2]) m.weights.forEach((w) => w.dispose());
      tf.dispose(floorVars);
      first.dispose();
      second.dispose();
      tf.dispose([x, target]);
    },
  };
}
