// Models whose Keras files carry weight regularizers, activity regularizers
// and constraints (most published Keras models have an l2 somewhere): they
// load from every Keras layout, predict, train, and save back with them.
// The Keras-layout files are emulations written here with io's own writers.
// Each case writes and reads seven files: slow on a busy machine, hence the longer timeout.
import * as tf from '@tensorflow/tfjs-core';
import {
  constraints,
  input,
  model,
  regularizers,
  resetNames,
  timeDistributed,
  type Model,
} from '@framewise/core';
import { dense, lstm } from '@framewise/layers';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, saveModel } from '../index.js';
import { writeKeras2Weights } from './formats/h5-weights.js';
import { writeHdf5 } from './hdf5.js';
import { kerasArchive } from './testing/crafted-hdf5.test-helpers.js';
import { loadInTfjsLayers, maxAbsDiff } from './testing/fixtures.test-helpers.js';

let dir: string;
beforeEach(() => {
  resetNames();
  dir = mkdtempSync(join(tmpdir(), 'framewise-io-reg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const quiet = {
  onWarning: (m: string) => {
    throw new Error(`unexpected warning: ${m}`);
  },
};

/** A model with an l2 kernel and max_norm inside TimeDistributed, recurrent penalties, an activity penalty. */
function regularized(activity = true): Model {
  const x = input({ shape: [5, 3] });
  let y = timeDistributed(
    dense({
      units: 4,
      activation: 'relu',
      kernelRegularizer: regularizers.l2({ l2: 0.01 }),
      kernelConstraint: constraints.maxNorm({ maxValue: 2 }),
    }),
  ).apply(x);
  y = lstm({
    units: 3,
    recurrentActivation: 'sigmoid',
    recurrentRegularizer: regularizers.l1l2({ l1: 0.001, l2: 0.01 }),
    biasConstraint: constraints.nonNeg(),
  }).apply(y);
  y = dense({
    units: 2,
    biasRegularizer: 'l2',
    ...(activity ? { activityRegularizer: regularizers.l1({ l1: 0.01 }) } : {}),
    kernelConstraint: constraints.unitNorm({ axis: 0 }),
  }).apply(y);
  const m = model({ inputs: x, outputs: y });
  m.setWeights(m.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.5, 'float32', i + 1)));
  return m;
}

/** Keras 2's `L1`/`L2` as the `L1L2` they equal, which tfjs files hold. */
function asL1L2(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(asL1L2);
  if (typeof json !== 'object' || json === null) return json;
  const o = json as { class_name?: unknown; config?: Record<string, unknown> };
  if (o.class_name === 'L1' || o.class_name === 'L2')
    return { class_name: 'L1L2', config: { l1: 0, l2: 0, ...o.config } };
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, asL1L2(v)]));
}

const text = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
const KERAS2 = '2.15.0';

/** Each Keras layout of the model, as Keras writes it (io's writers, Keras' layouts). */
const SOURCES: [string, (m: Model) => Promise<Model>][] = [
  [
    'Keras 2 to_json + save_weights .h5',
    async (m) =>
      loadModel(text(m.toJSON()), {
        ...quiet,
        weights: await writeHdf5((root) => writeKeras2Weights(m, root, KERAS2)),
      }),
  ],
  [
    'Keras 2 legacy .h5',
    async (m) =>
      loadModel(
        await writeHdf5((root) => {
          root.create_attribute('model_config', JSON.stringify(m.toJSON()));
          root.create_attribute('keras_version', KERAS2);
          root.create_attribute('backend', 'tensorflow');
          writeKeras2Weights(m, root.create_group('model_weights'), KERAS2);
        }),
        quiet,
      ),
  ],
  [
    'Keras 3 .keras',
    async (m) => {
      const { writeKeras3Weights } = await import('./formats/h5-weights.js');
      const weights = await writeHdf5((root) => writeKeras3Weights(m, root));
      return loadModel(kerasArchive(m, weights), quiet);
    },
  ],
  [
    'tfjs model.json',
    async (m) => {
      const written = await saveModel(m, join(dir, 'tfjs'), { format: 'tfjs' });
      return loadModel(
        written.find((f) => f.endsWith('model.json'))!,
        quiet,
      );
    },
  ],
];

describe.each(SOURCES)('a regularized, constrained model from %s', (_, load) => {
  it('loads, predicts, trains, and saves back in every format with the same numbers', async () => {
    const original = regularized();
    const loaded = await load(original);
    const config = asL1L2(original.toJSON().config);
    expect(asL1L2(loaded.toJSON().config)).toEqual(config);
    const x = tf.randomNormal([4, 5, 3], 0, 1, 'float32', 11);
    const y = tf.randomNormal([4, 2], 0, 1, 'float32', 12);
    expect(maxAbsDiff(loaded.predict(x) as tf.Tensor, original.predict(x) as tf.Tensor)).toBe(0);

    for (const m of [original, loaded])
      m.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
    const [a, b] = [await original.trainOnBatch(x, y), await loaded.trainOnBatch(x, y)];
    expect(b['loss']).toBeCloseTo(a['loss']!, 6);
    loaded
      .getWeights()
      .forEach((w, i) =>
        expect(maxAbsDiff(w, original.getWeights()[i]!)).toBeLessThanOrEqual(1e-6),
      );
    // The constraints ran: every max_norm column is within 2, the biases non-negative.
    const kernel = loaded.getWeights()[0]!;
    expect(tf.max(tf.sqrt(tf.sum(tf.square(kernel), 0))).dataSync()[0]).toBeLessThanOrEqual(
      2 + 1e-5,
    );

    for (const format of ['keras-json', 'tfjs', 'keras'] as const) {
      mkdirSync(join(dir, `again-${format}`));
      const target = join(dir, `again-${format}`, format === 'keras' ? 'm.keras' : 'model.json');
      const written = await saveModel(loaded, target, { format });
      const back = await loadModel(written[written.length - 1]!, {
        ...quiet,
        ...(format === 'keras-json' ? { weights: written[0]! } : {}),
      });
      expect(asL1L2(back.toJSON().config)).toEqual(config);
      expect(maxAbsDiff(back.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor)).toBe(0);
      back.dispose();
    }
    tf.dispose([x, y]);
    original.dispose();
    loaded.dispose();
  }, 60_000);
});

describe('tfjs files of a regularized model', () => {
  it("load in tfjs-layers' loadLayersModel (L1 and L2 written as its L1L2)", async () => {
    // tfjs-layers refuses to run a layer with an activity regularizer: this one has none.
    const original = regularized(false);
    // tfjs-layers projects constrained weights as it loads them (Keras does not): start projected.
    for (const w of original.allWeights()) {
      const c = w.constraint;
      if (c) {
        const projected = tf.tidy(() => c.apply(w.value));
        w.value.assign(projected);
        projected.dispose();
      }
    }
    await saveModel(original, join(dir, 'web'), { format: 'tfjs' });
    const reference = await loadInTfjsLayers(join(dir, 'web'));
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 5);
    const diff = maxAbsDiff(original.predict(x) as tf.Tensor, reference.predict(x) as tf.Tensor);
    expect(diff).toBeLessThanOrEqual(1e-6);
    const dense1 = reference.layers[3] as unknown as { biasRegularizer: unknown };
    expect(dense1.biasRegularizer).toBeDefined();
    reference.dispose();
    original.dispose();
    x.dispose();
  });
});

describe('Keras 1 regularizers and constraints', () => {
  it('map W_regularizer, b_regularizer, W_constraint and activity_regularizer to Keras 2', async () => {
    const keras1 = {
      class_name: 'Sequential',
      keras_version: '1.2.2',
      config: [
        {
          class_name: 'Embedding',
          config: {
            name: 'embedding_1',
            input_dim: 10,
            output_dim: 4,
            init: 'uniform',
            W_regularizer: { name: 'WeightRegularizer', l1: 0, l2: 0.001 },
            W_constraint: { name: 'UnitNorm', axis: 1 },
            batch_input_shape: [null, 6],
            input_dtype: 'int32',
          },
        },
        {
          class_name: 'LSTM',
          config: {
            name: 'lstm_1',
            output_dim: 3,
            init: 'glorot_uniform',
            inner_init: 'orthogonal',
            activation: 'tanh',
            inner_activation: 'hard_sigmoid',
            U_regularizer: { name: 'WeightRegularizer', l1: 0.01, l2: 0 },
            W_constraint: { name: 'MaxNorm', m: 3, axis: 0 },
            b_regularizer: null,
          },
        },
        {
          class_name: 'Dense',
          config: {
            name: 'dense_1',
            output_dim: 2,
            init: 'glorot_uniform',
            activation: 'linear',
            bias: true,
            W_regularizer: { name: 'WeightRegularizer', l1: 0.1, l2: 0.2 },
            b_regularizer: null,
            activity_regularizer: { name: 'ActivityRegularizer', l1: 0, l2: 0.5 },
            W_constraint: { name: 'NonNeg' },
          },
        },
      ],
    };
    const m = await loadModel(text(keras1), quiet);
    const layers = m.toJSON().config as { layers: { config: Record<string, unknown> }[] };
    const [emb, rnn, out] = layers.layers.slice(-3).map((l) => l.config);
    expect(emb).toMatchObject({
      embeddings_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.001 } },
      embeddings_constraint: { class_name: 'UnitNorm', config: { axis: 1 } },
    });
    expect(rnn).toMatchObject({
      recurrent_regularizer: { class_name: 'L1L2', config: { l1: 0.01, l2: 0 } },
      kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } },
      bias_regularizer: null,
    });
    expect(out).toMatchObject({
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0.1, l2: 0.2 } },
      activity_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.5 } },
      kernel_constraint: { class_name: 'NonNeg', config: {} },
    });
    m.dispose();
  });
});
