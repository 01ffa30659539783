import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { input } from '../input-layer.js';
import { model, type Model } from '../model.js';
import { resetNames } from '../names.js';
import { TinyDense, values } from './tiny-dense.test-helpers.js';

// Framewise's evaluate/trainOnBatch against tfjs-layers' on the same weights and data.

beforeEach(() => resetNames());

type Activation = 'linear' | 'softmax' | 'sigmoid';

function pair(
  inShape: number[],
  units: number,
  activation: Activation,
): { ours: Model; theirs: tfl.LayersModel } {
  const x = input({ shape: inShape });
  const ours = model({ inputs: x, outputs: new TinyDense(units, activation).apply(x) });
  const theirs = tfl.sequential({
    layers: [tfl.layers.dense({ units, activation, inputShape: inShape })],
  });
  const w = [values([inShape.at(-1)!, units], 0.3, 0.7), values([units], 1.1, 0.2)];
  ours.setWeights(w);
  theirs.setWeights(w);
  tf.dispose(w);
  return { ours, theirs };
}

function targets(kind: string, shape: number[]): tf.Tensor {
  const classes = shape.at(-1)!;
  const lead = shape.slice(0, -1);
  const n = lead.reduce((a, b) => a * b, 1);
  const labels = Array.from({ length: n }, (_, i) => (i * 7 + 3) % classes);
  // With a trailing axis of 1: tfjs-layers needs it on sequence outputs; Framewise takes both.
  if (kind === 'sparse') return tf.tensor(labels, [...lead, 1]);
  if (kind === 'categorical')
    return tf.cast(tf.reshape(tf.oneHot(labels, classes), shape), 'float32');
  if (kind === 'binary') {
    return tf.tensor(
      Array.from({ length: n * classes }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0)),
      shape,
    );
  }
  return values(shape, 2.3);
}

const scalarList = (r: tf.Scalar | tf.Scalar[]): number[] =>
  (Array.isArray(r) ? r : [r]).map((s) => s.dataSync()[0]!);

const CASES: {
  loss: string;
  activation: Activation;
  kind: string;
  metric: string;
  ourKey: string;
}[] = [
  {
    loss: 'meanSquaredError',
    activation: 'linear',
    kind: 'regression',
    metric: 'mse',
    ourKey: 'mse',
  },
  {
    loss: 'meanAbsoluteError',
    activation: 'linear',
    kind: 'regression',
    metric: 'mae',
    ourKey: 'mae',
  },
  {
    loss: 'binaryCrossentropy',
    activation: 'sigmoid',
    kind: 'binary',
    metric: 'accuracy',
    ourKey: 'accuracy',
  },
  {
    loss: 'categoricalCrossentropy',
    activation: 'softmax',
    kind: 'categorical',
    metric: 'accuracy',
    ourKey: 'accuracy',
  },
  {
    loss: 'sparseCategoricalCrossentropy',
    activation: 'softmax',
    kind: 'sparse',
    metric: 'accuracy',
    ourKey: 'accuracy',
  },
];

describe('evaluate and trainOnBatch match tfjs-layers', () => {
  for (const seq of [false, true]) {
    for (const c of CASES) {
      it(`${c.loss} with ${c.metric} on ${seq ? 'a sequence output (per step)' : 'a flat output'}`, async () => {
        const inShape = seq ? [5, 4] : [4];
        const { ours, theirs } = pair(inShape, 3, c.activation);
        const x = values([6, ...inShape], 0.9);
        const y = targets(c.kind, [6, ...(seq ? [5] : []), 3]);
        ours.compile({ optimizer: 'sgd', loss: c.loss, metrics: [c.metric] });
        theirs.compile({ optimizer: 'sgd', loss: c.loss, metrics: [c.metric] });

        const ref = scalarList(theirs.evaluate(x, y, { batchSize: 4 }) as tf.Scalar[]);
        const got = await ours.evaluate(x, y, { batchSize: 4 });
        expect(got['loss']).toBeCloseTo(ref[0]!, 5);
        expect(got[c.ourKey]).toBeCloseTo(ref[1]!, 5);

        const refStep = (await theirs.trainOnBatch(x, y)) as number[];
        const step = await ours.trainOnBatch(x, y);
        expect(step['loss']).toBeCloseTo(refStep[0]!, 5);
        expect(step[c.ourKey]).toBeCloseTo(refStep[1]!, 5);
        const a = ours.getWeights().map((w) => Array.from(w.dataSync()));
        const b = theirs.getWeights().map((w) => Array.from(w.dataSync()));
        a.forEach((wa, i) => wa.forEach((v, j) => expect(v).toBeCloseTo(b[i]![j]!, 5)));
        tf.dispose([x, y]);
        theirs.dispose();
      });
    }
  }

  for (const name of ['sgd', 'momentum', 'adam', 'adamax', 'adagrad', 'adadelta', 'rmsprop']) {
    it(`takes the same three steps as tfjs-layers with '${name}'`, async () => {
      const { ours, theirs } = pair([4], 3, 'softmax');
      const x = values([8, 4], 0.4);
      const y = targets('categorical', [8, 3]);
      // tfjs-layers has no 'momentum' string: it gets the tf.train.momentum our name stands for.
      ours.compile({ optimizer: name, loss: 'categorical_crossentropy' });
      theirs.compile({
        optimizer: name === 'momentum' ? tf.train.momentum(0.01, 0.9) : name,
        loss: 'categoricalCrossentropy',
      });
      for (let i = 0; i < 3; i++) {
        const ref = (await theirs.trainOnBatch(x, y)) as number;
        const got = await ours.trainOnBatch(x, y);
        expect(got['loss']).toBeCloseTo(ref, 5);
      }
      const a = ours.getWeights().map((w) => Array.from(w.dataSync()));
      const b = theirs.getWeights().map((w) => Array.from(w.dataSync()));
      a.forEach((wa, i) =>
        wa.forEach((v, j) => expect(Math.abs(v - b[i]![j]!)).toBeLessThan(1e-5)),
      );
      tf.dispose([x, y]);
      theirs.dispose();
    });
  }
});
