import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type SymbolicTensor,
} from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectNoLeak, expectPassesMask } from '../testing/basic-layers.test-helpers.js';
import { KERAS_EPSILON, normalization, normalizationPlugin } from './normalization.js';

// tfjs-layers has no Normalization: the numbers are Keras' documented examples, worked by hand.

beforeEach(() => resetNames());

const values = (t: tf.Tensor): number[] => Array.from(t.dataSync());
const ADAPT = [
  [0, 7, 4],
  [2, 9, 6],
  [0, 7, 4],
  [2, 9, 6],
];

describe('Normalization', () => {
  it("adapts as Keras' examples: one mean for everything (axis null), one per feature (axis -1)", () => {
    const all = normalization({ axis: null });
    all.adapt(tf.tensor1d([1, 2, 3, 4, 5]));
    const y = all.apply(tf.tensor1d([1, 2, 3])) as tf.Tensor;
    values(y).forEach((v, i) => expect(v).toBeCloseTo([-1.4142135, -0.70710677, 0][i]!, 6));
    const perFeature = normalization();
    perFeature.adapt(tf.tensor2d(ADAPT));
    expect(values(perFeature.apply(tf.tensor2d([[0, 7, 4]])) as tf.Tensor)).toEqual([-1, -1, -1]);
    const [mean, variance, count] = perFeature.getWeights();
    expect(values(mean!)).toEqual([1, 8, 5]);
    expect(values(variance!)).toEqual([1, 1, 1]);
    expect(values(count!)).toEqual([4]);
  });

  it('takes a fixed mean and variance from the config, with no weights (Keras: mean=3, variance=2)', () => {
    const layer = normalization({ mean: 3, variance: 2 });
    const y = layer.apply(tf.tensor2d([[1], [2], [3]])) as tf.Tensor;
    values(y).forEach((v, i) => expect(v).toBeCloseTo([-1.4142135, -0.70710677, 0][i]!, 6));
    expect(layer.weights).toHaveLength(0);
    // A list per feature, broadcast over steps.
    const perFeature = normalization({ mean: [1, 2], variance: [4, 0.25] });
    const z = perFeature.apply(
      tf.tensor3d([
        [
          [3, 3],
          [1, 2],
        ],
      ]),
    ) as tf.Tensor;
    expect(values(z)).toEqual([1, 2, 0, 0]);
  });

  it('inverts (Keras 3, tf.keras 2.12+): mean + x · std', () => {
    const layer = normalization({ invert: true });
    layer.adapt(tf.tensor2d(ADAPT));
    expect(values(layer.apply(tf.tensor2d([[1, 2, 3]])) as tf.Tensor)).toEqual([2, 10, 8]);
  });

  it("divides by max(sqrt(variance), Keras' epsilon 1e-7), so a constant feature does not blow up to infinity", () => {
    const layer = normalization({ mean: [1, 1], variance: [0, 1e-16] });
    const y = values(layer.apply(tf.tensor2d([[1.5, 1.5]])) as tf.Tensor);
    expect(y[0]).toBeCloseTo(0.5 / KERAS_EPSILON, -1);
    expect(y[1]).toBeCloseTo(0.5 / KERAS_EPSILON, -1);
  });

  it('combines batches given as a list exactly as one tensor, and re-adapting replaces the statistics', () => {
    const data = tf.randomNormal([12, 5, 3], 2, 3, 'float32', 7);
    const whole = normalization({ axis: [1, 2] });
    whole.adapt(data);
    const parts = normalization({ axis: [1, 2] });
    parts.adapt([tf.slice(data, 0, 5), tf.slice(data, 5, 4), tf.slice(data, 9, 3)]);
    whole
      .getWeights()
      .forEach((w, i) => expect(maxAbsDiff(w, parts.getWeights()[i]!)).toBeLessThan(1e-5));
    const again = normalization();
    again.adapt(tf.ones([2, 3]));
    again.adapt(tf.tensor2d(ADAPT));
    expect(values(again.getWeights()[0]!)).toEqual([1, 8, 5]);
    expect(values(again.getWeights()[2]!)).toEqual([4]);
  });

  it('keeps mean, variance and count as non-trainable weights in Keras order, loadable by order as files list them', () => {
    const x = input({ shape: [4, 3] });
    const layer = normalization({ axis: -1, name: 'normalization' });
    const m = model({ inputs: x, outputs: layer.apply(x) });
    expect(layer.weights.map((w) => w.name)).toEqual([
      'normalization/mean',
      'normalization/variance',
      'normalization/count',
    ]);
    expect(layer.trainableWeights).toHaveLength(0);
    expect(m.countParams()).toBe(7); // Keras' summary: 7 non-trainable
    // A Keras 2.6+ weights list (what .h5 `weight_names`, .keras `vars/0..2` and tfjs manifests hold),
    // assigned by order as @framewise/io does.
    const file = [tf.tensor1d([1, 2, 3]), tf.tensor1d([4, 9, 16]), tf.scalar(40)];
    m.setWeights(file);
    const y = m.predict(
      tf.tensor3d([
        [
          [3, 4, 5],
          [1, 2, 3],
          [5, 8, 11],
          [1, 2, 3],
        ],
      ]),
    ) as tf.Tensor;
    values(y).forEach((v, i) =>
      expect(v).toBeCloseTo([1, 2 / 3, 0.5, 0, 0, 0, 2, 2, 2, 0, 0, 0][i]!, 6),
    );
    expect(() => m.setWeights(file.slice(0, 2))).toThrow(
      /setWeights expected 3 tensors \(normalization\/mean/,
    );
  });

  it('round-trips its Keras config (axis written as a list, as tf.keras 2 does)', () => {
    const adapted = normalization({ name: 'n' }).getConfig();
    expect(adapted).toEqual({
      name: 'n',
      trainable: true,
      dtype: 'float32',
      axis: [-1],
      invert: false,
      mean: null,
      variance: null,
    });
    const fixed = normalization({
      axis: [1, 2],
      mean: [[1, 2]],
      variance: [[3, 4]],
      name: 'f',
    }).getConfig();
    for (const config of [adapted, fixed]) {
      expect(
        normalizationPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig(),
      ).toEqual(config);
    }
    // tf.keras 2.6 wrote no `invert`; Keras 3 may write `axis: null`.
    expect(
      normalizationPlugin.fromConfig({ name: 'k', axis: null, mean: 0, variance: 1 }).getConfig(),
    ).toMatchObject({
      axis: [],
      invert: false,
    });
  });

  it('refuses bad config and input with typed errors naming the layer, leaving nothing behind', () => {
    expect(() => normalization({ mean: 1 })).toThrow(/mean and variance go together/);
    expect(() => normalization({ axis: 1.5 })).toThrow(ConfigError);
    expect(() => normalization({ mean: [[1], [2, 3]], variance: 1 })).toThrow(/rectangular/);
    expect(() => normalization({ mean: 'a' as unknown as number, variance: 1 })).toThrow(
      ConfigError,
    );
    expect(() => normalization({ axis: 0 }).apply(input({ shape: [3] }))).toThrow(
      /axis 0 is the batch axis/,
    );
    expect(() => normalization({ axis: 1 }).apply(input({ shape: [null, 3] }))).toThrow(
      /axis 1 of \(None, None, 3\) is unknown/,
    );
    expect(() =>
      normalization({ mean: [1, 2, 3], variance: 1 }).apply(input({ shape: [2] })),
    ).toThrow(ShapeError);
    expect(() => normalization({ mean: 1, variance: 1 }).adapt(tf.ones([2, 2]))).toThrow(
      /adapt\(\) cannot change a Normalization layer built with a fixed mean/,
    );
    const layer = normalization({ name: 'n' });
    layer.adapt(tf.ones([2, 3]));
    const before = tf.memory().numTensors;
    const wrong = tf.ones([2, 4]);
    expect(() => layer.adapt(wrong)).toThrow(
      /n: adapt\(\) data must match the built input \(None, 3\) on the kept axes, received \(2, 4\)/,
    );
    expect(() => layer.adapt([])).toThrow(ConfigError);
    wrong.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(values(layer.getWeights()[2]!)).toEqual([2]);
  });

  it('inside timeDistributed normalises every frame with the same statistics; passes masks; leaks nothing', () => {
    const frames = tf.randomNormal([2, 3, 4], 1, 2);
    const x = input({ shape: [3, 4] });
    const inner = normalization({ mean: [1, 2, 3, 4], variance: [1, 4, 9, 16] });
    for (const strategy of ['reshape', 'loop'] as const) {
      const y = timeDistributed(inner, { strategy }).apply(x) as SymbolicTensor;
      const got = model({ inputs: x, outputs: y }).predict(frames) as tf.Tensor;
      const expected = tf.div(tf.sub(frames, [1, 2, 3, 4]), [1, 2, 3, 4]);
      expect(maxAbsDiff(got, expected)).toBeLessThan(1e-6);
    }
    expectPassesMask(normalization({ mean: 0, variance: 1 }), tf.ones([2, 3, 4]));
    const adapted = normalization();
    adapted.adapt(frames);
    const ints = tf.ones([2, 3, 4], 'int32');
    expectNoLeak(() => adapted.apply(ints) as tf.Tensor);
    const frame = tf.ones([2, 4]);
    expectNoLeak(() => inner.apply(frame) as tf.Tensor);
    const before = tf.memory().numTensors;
    adapted.adapt(frames);
    expect(tf.memory().numTensors).toBe(before);
    expect(adapted.macs([null, 3, 4])).toBe(12);
  });
});
