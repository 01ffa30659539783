import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  ShapeError,
  timeDistributed,
  type LayerPlugin,
  type SymbolicTensor,
} from '@framewise/core';
import type { RecurrentLayer } from '../common/recurrent/base-layer.js';
import type { RecurrentLayerOptions } from '../common/recurrent/options.js';
import { maxAbsDiff, referenceTimeDistributed } from './reference.test-helpers.js';
import { asList, referenceRecurrent, sampleMask, snakeKeys } from './recurrent.test-helpers.js';

/** What the shared recurrent tests need to know about one layer class. */
export interface RecurrentSuite<O extends RecurrentLayerOptions> {
  className: string;
  make: (options: O) => RecurrentLayer;
  /** The tfjs-layers factory of the same class. */
  reference: (options: O) => tfl.layers.Layer;
  plugin: LayerPlugin<O>;
  /** States per sample (LSTM: 2). */
  stateCount: number;
  /** Layer-specific option sets to compare with tfjs-layers besides the common ones. */
  variants: Partial<O>[];
}

const BATCH = 2;
const TIME = 5;
const FEATURES = 3;
const UNITS = 4;

/**
 * The tests every recurrent layer passes against tfjs-layers: outputs for each
 * option set, masks, initial states, shapes with open sizes, parameters, Keras
 * config, TimeDistributed strategies, stateful calls, errors and tensor leaks.
 */
export function describeRecurrentLayer<O extends RecurrentLayerOptions>(
  s: RecurrentSuite<O>,
): void {
  const opts = (o: Partial<O>): O => ({ units: UNITS, ...o }) as O;
  const common: Partial<O>[] = [
    {},
    { returnSequences: true },
    { returnSequences: true, goBackwards: true },
    { returnState: true },
    { returnSequences: true, returnState: true, goBackwards: true },
    { useBias: false, activation: 'relu' },
  ] as Partial<O>[];

  it.each([...common, ...s.variants])(`equals tfjs-layers ${s.className} for %j`, (o) => {
    const layer = s.make(opts(o));
    const x = tf.randomNormal([BATCH, TIME, FEATURES]);
    const ours = asList(layer.apply(x));
    const ref = referenceRecurrent(s.reference(opts(o)), x, layer);
    expect(ours).toHaveLength(ref.length);
    ours.forEach((y, i) => expect(maxAbsDiff(y, ref[i]!)).toBeLessThanOrEqual(1e-5));
    expect(layer.computeOutputShape([BATCH, TIME, FEATURES])).toEqual(
      s.reference(opts(o)).computeOutputShape([BATCH, TIME, FEATURES]),
    );
  });

  it.each([false, true])(
    'skips masked steps as tfjs-layers does (goBackwards %s)',
    (goBackwards) => {
      const o = opts({ returnSequences: true, returnState: true, goBackwards } as Partial<O>);
      const layer = s.make(o);
      const x = tf.randomNormal([BATCH, TIME, FEATURES]);
      const mask = sampleMask(BATCH, TIME);
      const ours = asList(layer.apply(x, { mask }));
      const ref = referenceRecurrent(s.reference(o), x, layer, { mask });
      ours.forEach((y, i) => expect(maxAbsDiff(y, ref[i]!)).toBeLessThanOrEqual(1e-5));
      // A masked step repeats the previous output; before any step that is zeros
      // (sample 0's first step is masked, and sample 1's last, where going backwards starts).
      const seq = ours[0]!.arraySync() as number[][][];
      expect(seq[goBackwards ? 1 : 0]![0]).toEqual(Array<number>(UNITS).fill(0));
      expect(layer.computeMask(x, mask)).toEqual([mask, ...Array(s.stateCount).fill(null)]);
      expect(s.make(opts({})).computeMask(x, mask)).toBeNull();
    },
  );

  it('takes initial states as extra inputs, as tfjs-layers takes initialState', () => {
    const layer = s.make(opts({ returnSequences: true } as Partial<O>));
    const x = tf.randomNormal([BATCH, TIME, FEATURES]);
    const states = Array.from({ length: s.stateCount }, () => tf.randomNormal([BATCH, UNITS]));
    const ours = layer.apply([x, ...states]) as tf.Tensor;
    const ref = referenceRecurrent(
      s.reference(opts({ returnSequences: true } as Partial<O>)),
      x,
      layer,
      {
        initialState: states,
      },
    );
    expect(maxAbsDiff(ours, ref[0]!)).toBeLessThanOrEqual(1e-5);
    expect(() => layer.apply([x, ...states.map(() => tf.zeros([BATCH + 1, UNITS]))])).toThrow(
      /initial state 0 has a batch of 3, the sequence a batch of 2/,
    );
    const xs = input({ shape: [null, FEATURES] });
    const hs = states.map(() => input({ shape: [UNITS] }));
    const y = s.make(opts({})).apply([xs, ...hs]) as SymbolicTensor;
    expect(y.shape).toEqual([null, UNITS]);
    expect(() => s.make(opts({})).apply([xs, ...hs, input({ shape: [UNITS] })])).toThrow(
      new RegExp(
        `expected ${s.stateCount} initial state\\(s\\) after the sequence, received ${s.stateCount + 1}`,
      ),
    );
  });

  it('infers shapes with open sizes and counts parameters like tfjs-layers', () => {
    for (const o of [{}, { returnSequences: true, returnState: true }] as Partial<O>[]) {
      const layer = s.make(opts(o));
      const ref = s.reference(opts(o));
      for (const shape of [
        [null, null, FEATURES],
        [null, 7, FEATURES],
      ]) {
        expect(layer.computeOutputShape(shape)).toEqual(ref.computeOutputShape(shape as number[]));
      }
      const y = layer.apply(input({ shape: [null, FEATURES] }));
      const shapes = asList(y as never).map((t: { shape: unknown }) => t.shape);
      const single = shapes.length === 1 ? shapes[0] : shapes;
      expect(single).toEqual(ref.computeOutputShape([null, null, FEATURES]));
      ref.apply(tf.zeros([1, 2, FEATURES]));
      expect(layer.countParams()).toBe(ref.countParams());
      expect(layer.weights.map((w) => w.name.split('/')[1])).toEqual([
        'kernel',
        'recurrent_kernel',
        'bias',
      ]);
    }
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const layer = s.make(
      opts({
        returnSequences: true,
        goBackwards: true,
        name: 'rnn',
        activation: 'relu',
      } as Partial<O>),
    );
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'rnn',
      units: UNITS,
      activation: 'relu',
      go_backwards: true,
    });
    expect(config['recurrent_initializer']).toEqual({
      class_name: 'Orthogonal',
      config: { gain: 1, seed: null },
    });
    const back = s.plugin.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(back.getConfig()).toEqual(config);
    const keys = snakeKeys(s.reference(opts({})).getConfig());
    expect(Object.keys(config).filter((k) => !keys.includes(k))).toEqual(['dtype']);
    expect(keys.filter((k) => !(k in config))).toEqual([]);
    const l1l2 = { class_name: 'L1L2', config: { l1: 0, l2: 0.5 } };
    const maxNorm = { class_name: 'MaxNorm', config: { max_value: 2, axis: 0 } };
    const trained = { ...config, recurrent_regularizer: l1l2, recurrent_constraint: maxNorm };
    expect(s.plugin.fromConfig(trained).getConfig()).toEqual(trained);
    expect(() => s.plugin.fromConfig({ ...config, time_major: true })).toThrow(ConfigError);
  });

  it.each(['reshape', 'loop'] as const)(
    'runs inside timeDistributed (%s) on [batch, t1, t2, features] like tfjs-layers TimeDistributed',
    (strategy) => {
      const o = opts({ returnSequences: true } as Partial<O>);
      const td = timeDistributed(s.make(o), { strategy });
      const x = tf.randomNormal([BATCH, 3, TIME, FEATURES]);
      const y = td.apply(x);
      expect(y.shape).toEqual([BATCH, 3, TIME, UNITS]);
      const ref = referenceTimeDistributed(s.reference(o), [3, TIME, FEATURES], td);
      expect(maxAbsDiff(y, ref.predict(x) as tf.Tensor)).toBeLessThanOrEqual(1e-5);
      // A [batch, t1, t2] mask reaches the inner layer as [batch*t1, t2].
      const mask = tf.reshape(sampleMask(BATCH * 3, TIME), [BATCH, 3, TIME]);
      const masked = td.apply(x, { mask });
      const inner = s.make(o);
      inner.apply(tf.zeros([1, TIME, FEATURES]));
      inner.setWeights(td.getWeights());
      const direct = inner.apply(tf.reshape(x, [-1, TIME, FEATURES]), {
        mask: tf.reshape(mask, [-1, TIME]),
      });
      expect(maxAbsDiff(masked, tf.reshape(direct, masked.shape))).toBeLessThanOrEqual(1e-6);
    },
  );

  it('keeps its states across calls when stateful, as tfjs-layers does', () => {
    const o = opts({ stateful: true, returnState: true } as Partial<O>);
    const layer = s.make(o);
    const ref = s.reference({ ...o, batchInputShape: [BATCH, TIME, FEATURES] });
    const a = tf.randomNormal([BATCH, TIME, FEATURES]);
    const b = tf.randomNormal([BATCH, TIME, FEATURES]);
    layer.apply(a);
    ref.apply(a);
    ref.setWeights(layer.getWeights());
    ref.resetStates();
    layer.resetStates();
    for (const x of [a, b]) {
      const ours = asList(layer.apply(x));
      const theirs = asList(ref.apply(x) as tf.Tensor);
      ours.forEach((y, i) => expect(maxAbsDiff(y, theirs[i]!)).toBeLessThanOrEqual(1e-5));
    }
    expect(layer.isBatchCoupled(false)).toBe(true);
    expect(timeDistributed(s.make(o)).resolveStrategy(false)).toBe('loop');
    expect(() => layer.apply(tf.zeros([3, TIME, FEATURES]))).toThrow(
      /keeps states for a batch of 2, received a batch of 3/,
    );
    layer.resetStates();
    expect(layer.getStates()![0]!.arraySync()).toEqual(tf.zeros([BATCH, UNITS]).arraySync());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(a));
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
    expect(() => s.make(opts({})).resetStates()).toThrow(/resetStates\(\) needs a stateful layer/);
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => s.make(opts({ units: 0 } as Partial<O>))).toThrow(ConfigError);
    expect(() => s.make(opts({ dropout: 1.5 } as Partial<O>))).toThrow(
      /dropout must be a number in \[0, 1\), received 1.5/,
    );
    expect(() => s.make(opts({ returnSequences: 'yes' } as never))).toThrow(
      /returnSequences must be true or false/,
    );
    const layer = s.make(opts({ name: 'r' } as Partial<O>));
    expect(() => layer.apply(input({ shape: [FEATURES] }))).toThrow(
      /r: expected input of rank 3 \[batch, time, features\], received rank 2: \(None, 3\)/,
    );
    layer.apply(tf.zeros([1, 2, FEATURES]));
    expect(() => layer.apply(tf.zeros([1, 2, FEATURES + 1]))).toThrow(ShapeError);
    expect(() => layer.apply(tf.zeros([1, 2, FEATURES]), { mask: tf.ones([1, 2]) })).toThrow(
      /r: expected a bool mask, received dtype float32/,
    );
    expect(() =>
      layer.apply(tf.zeros([1, 2, FEATURES]), { mask: tf.ones([1, 3], 'bool') }),
    ).toThrow(
      /expected a mask of shape \(1, 2\) \[batch, time\] for input \(1, 2, 3\), received \(1, 3\)/,
    );
    expect(() => s.make(opts({})).apply(input({ shape: [0, FEATURES] }))).toThrow(
      /expected at least one time step/,
    );
  });

  it('leaks no tensors, eagerly or in a model', () => {
    const layer = s.make(opts({ returnSequences: true, returnState: true } as Partial<O>));
    const x = tf.randomNormal([BATCH, TIME, FEATURES]);
    const mask = sampleMask(BATCH, TIME);
    tf.dispose(layer.apply(x, { mask }));
    const xs = input({ shape: [TIME, FEATURES] });
    const m = model({ inputs: xs, outputs: s.make(opts({})).apply(xs) });
    tf.dispose(m.predict(x));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose(layer.apply(x, { mask }));
      tf.dispose(m.predict(x));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
}
