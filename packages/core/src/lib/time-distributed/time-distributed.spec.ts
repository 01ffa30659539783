import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';
import { input } from '../input-layer.js';
import { model } from '../model.js';
import { resetNames } from '../names.js';
import {
  AddMeta,
  Affine,
  BatchCenter,
  NonZeroMask,
  StepReader,
} from '../test-layers.test-helpers.js';
import { TimeDistributed, timeDistributed } from './time-distributed.js';

beforeEach(() => resetNames());

const values = (t: tf.Tensor | tf.Tensor[]): number[] => Array.from((t as tf.Tensor).dataSync());

describe('TimeDistributed', () => {
  it('gives [batch, time, ...inner output] and counts the shared weights once', () => {
    const x = input({ shape: [5, 3] });
    const td = timeDistributed(new Affine());
    const y = td.apply(x);
    expect(y.shape).toEqual([null, 5, 3]);
    expect(td.countParams()).toBe(6);
    expect(td.weights).toEqual(td.layer.weights);
    expect(model({ inputs: x, outputs: y }).countParams()).toBe(6);
  });

  it('builds once with an open time axis and runs on any length', () => {
    const x = input({ shape: [null, 3] });
    const td = timeDistributed(new Affine());
    const m = model({ inputs: x, outputs: td.apply(x) });
    for (const t of [1, 7, 1000]) {
      const data = tf.randomNormal([2, t, 3]);
      const y = m.predict(data) as tf.Tensor;
      expect(y.shape).toEqual([2, t, 3]);
      expect(values(y)).toEqual(values(td.layer.apply(data)));
    }
  });

  it.each([
    ['reshape', undefined],
    ['loop', undefined],
    ['reshape', 1],
    ['reshape', 3],
    ['reshape', 7],
    ['reshape', 100],
  ] as const)(
    'strategy %s with chunkSize %s gives the numbers of the layer applied step by step',
    (strategy, chunkSize) => {
      const inner = new Affine();
      const td = timeDistributed(inner, { strategy, chunkSize });
      const data = tf.randomNormal([3, 7, 4]);
      const y = td.apply(data);
      const steps = tf.stack(
        tf.unstack(data, 1).map((s) => inner.apply(s)),
        1,
      );
      expect(y.shape).toEqual([3, 7, 4]);
      expect(values(y)).toEqual(values(steps));
    },
  );

  it('merges batch and time into one inner call on the reshape path, one call per step on the loop path', () => {
    const inner = new Affine();
    timeDistributed(inner).apply(tf.ones([2, 5, 3]));
    expect(inner.calls).toBe(1);
    expect(inner.lastInputShape).toEqual([10, 3]);
    inner.calls = 0;
    timeDistributed(inner, { strategy: 'loop' }).apply(tf.ones([2, 5, 3]));
    expect(inner.calls).toBe(5);
    expect(inner.lastInputShape).toEqual([2, 3]);
    inner.calls = 0;
    timeDistributed(inner, { chunkSize: 2 }).apply(tf.ones([2, 5, 3]));
    expect(inner.calls).toBe(3);
  });

  it('takes the loop path for a batch-coupled layer under auto', () => {
    const data = tf.randomNormal([4, 3, 2]);
    const auto = timeDistributed(new BatchCenter());
    expect(auto.resolveStrategy(false)).toBe('loop');
    const perStep = tf.stack(
      tf.unstack(data, 1).map((s) => tf.sub(s, tf.mean(s, 0, true))),
      1,
    );
    expect(values(auto.apply(data))).toEqual(values(perStep));
    const merged = timeDistributed(new BatchCenter(), { strategy: 'reshape' }).apply(data);
    expect(values(merged)).not.toEqual(values(perStep));
  });

  it('merges all leading axes of nested wrappers in one reshape', () => {
    const inner = new Affine();
    const nested = timeDistributed(timeDistributed(inner));
    const x = input({ shape: [4, 5, 3] });
    expect(nested.apply(x).shape).toEqual([null, 4, 5, 3]);
    const data = tf.randomNormal([2, 4, 5, 3]);
    const y = nested.apply(data);
    expect(inner.lastInputShape).toEqual([40, 3]);
    expect(inner.calls).toBe(1);
    expect(values(y)).toEqual(values(inner.apply(data)));
  });

  it('passes training on to the inner layer with every strategy', () => {
    for (const strategy of ['reshape', 'loop'] as const) {
      const inner = new Affine();
      const td = timeDistributed(inner, { strategy });
      td.apply(tf.ones([1, 2, 3]), { training: true });
      expect(inner.lastOptions?.training).toBe(true);
      td.apply(tf.ones([1, 2, 3]));
      expect(inner.lastOptions?.training).toBe(false);
    }
  });

  it('passes broadcast inputs whole to every step', () => {
    const x = tf.randomNormal([2, 5, 3]);
    const meta = tf.randomNormal([2, 3]);
    const expected = values(tf.add(x, tf.expandDims(meta, 1)));
    for (const strategy of ['reshape', 'loop'] as const) {
      const td = timeDistributed(new AddMeta(), { strategy, broadcastInputs: [1] });
      expect(values(td.apply([x, meta]))).toEqual(expected);
    }
    const sx = input({ shape: [5, 3] });
    const smeta = input({ shape: [3] });
    const td = timeDistributed(new AddMeta(), { broadcastInputs: [1] });
    const m = model({ inputs: [sx, smeta], outputs: td.apply([sx, smeta]) });
    expect(values(m.predict([x, meta]))).toEqual(expected);
    expect(() => timeDistributed(new AddMeta(), { broadcastInputs: [2] }).apply([x, meta])).toThrow(
      /broadcastInputs names input 2, but the layer got 2 input\(s\)/,
    );
    expect(() =>
      timeDistributed(new AddMeta(), { broadcastInputs: [0, 1] }).apply([x, meta]),
    ).toThrow(/all are marked broadcast/);
  });

  it('gives distributed inputs of several layers the same slices', () => {
    const a = tf.randomNormal([2, 4, 3]);
    const b = tf.randomNormal([2, 4, 3]);
    const td = timeDistributed(new AddMeta(), { chunkSize: 3 });
    expect(values(td.apply([a, b]))).toEqual(values(tf.add(a, b)));
    expect(() => td.apply([a, tf.zeros([2, 5, 3])])).toThrow(/must share/);
  });

  it('tells layers that read it how steps were merged, and never chunks their training calls', () => {
    const reader = new StepReader();
    const td = timeDistributed(reader, { chunkSize: 2, noise: 'shared', statistics: 'perStep' });
    td.apply(tf.ones([2, 5, 3]), { training: true });
    expect(reader.seen).toEqual([
      { rows: 10, steps: { lead: [2, 5], noise: 'shared', statistics: 'perStep' } },
    ]);
    reader.seen = [];
    td.apply(tf.ones([2, 5, 3]));
    expect(reader.seen.map((s) => s.rows)).toEqual([4, 4, 2]);
    const nested = new StepReader();
    timeDistributed(timeDistributed(nested)).apply(tf.ones([2, 3, 4, 1]), { training: true });
    expect(nested.seen[0]!.steps).toEqual({
      lead: [2, 3, 4],
      noise: 'perStep',
      statistics: 'merged',
    });
    expect(() => timeDistributed(new Affine(), { noise: 'same' as never })).toThrow(
      /noise must be perStep or shared/,
    );
    expect(td.getConfig()).toMatchObject({ noise: 'shared', statistics: 'perStep', chunk_size: 2 });
    const looped = timeDistributed(new StepReader(), { strategy: 'loop', noise: 'shared' });
    expect(() => looped.apply(tf.ones([2, 3, 1]), { training: true })).toThrow(
      /noise: 'shared' needs the reshape strategy/,
    );
    expect(looped.apply(tf.ones([2, 3, 1])).shape).toEqual([2, 3, 1]);
  });

  describe('masks', () => {
    it('validates the mask: a bool tensor of shape [batch, time]', () => {
      const td = timeDistributed(new Affine());
      const x = tf.ones([2, 4, 3]);
      expect(() => td.apply(x, { mask: tf.ones([2, 5], 'bool') })).toThrow(ShapeError);
      expect(() => td.apply(x, { mask: tf.ones([2, 5], 'bool') })).toThrow(
        /time_distributed_1: expected a mask of shape \(2, 4\) \[batch, time\] for input \(2, 4, 3\), received \(2, 5\)/,
      );
      expect(() => td.apply(x, { mask: tf.ones([2, 4]) })).toThrow(
        /expected a bool mask, received dtype float32/,
      );
    });

    it('gives the inner layer the merged mask (reshape) or the step mask (loop)', () => {
      const mask = tf.tensor2d(
        [
          [true, false, true],
          [false, true, true],
        ],
        [2, 3],
        'bool',
      );
      const inner = new Affine();
      timeDistributed(inner).apply(tf.ones([2, 3, 4]), { mask });
      expect(inner.lastMask).toEqual({ shape: [6], values: [1, 0, 1, 0, 1, 1] });
      timeDistributed(inner, { strategy: 'loop' }).apply(tf.ones([2, 3, 4]), { mask });
      expect(inner.lastMask).toEqual({ shape: [2], values: [1, 1] });
    });

    it('passes the mask on unchanged, or the one the inner layer computes', () => {
      const x = input({ shape: [3, 2] });
      const masked = timeDistributed(new NonZeroMask()).apply(x);
      const consumer = new Affine();
      const m = model({
        inputs: x,
        outputs: timeDistributed(consumer).apply(timeDistributed(new Affine()).apply(masked)),
      });
      const data = tf.tensor3d([
        [
          [1, 1],
          [0, 1],
          [2, 2],
        ],
        [
          [0, 0],
          [3, 3],
          [0, 5],
        ],
      ]);
      m.predict(data);
      expect(consumer.lastMask).toEqual({ shape: [6], values: [1, 0, 1, 0, 1, 0] });
      const given = tf.tensor2d([[true, true, false]], [1, 3], 'bool');
      const passed = timeDistributed(new Affine()).computeMask(
        tf.ones([1, 3, 2]),
        given,
      ) as tf.Tensor;
      expect(passed.shape).toEqual([1, 3]);
      expect(Array.from(passed.dataSync())).toEqual([1, 1, 0]);
    });
  });

  describe('bad input', () => {
    it('refuses a non-layer, a bad strategy and a bad chunk size', () => {
      expect(() => timeDistributed('dense' as never)).toThrow(ConfigError);
      expect(() => timeDistributed('dense' as never)).toThrow(
        /TimeDistributed expects a Layer, received string/,
      );
      expect(() => new TimeDistributed(new Affine(), { strategy: 'fast' as never })).toThrow(
        /strategy must be one of auto, reshape, loop/,
      );
      expect(() => new TimeDistributed(new Affine(), { chunkSize: 0 })).toThrow(
        /chunkSize must be a positive integer, received 0/,
      );
      expect(() => new TimeDistributed(new Affine(), { chunkSize: 1.5 })).toThrow(ConfigError);
    });

    it('names the wrapper and the shape for an input without a time axis', () => {
      const td = timeDistributed(new Affine());
      expect(() => td.apply(input({ shape: [3] }))).toThrow(
        /time_distributed_1: expected input of rank 3 or more \[batch, time, \.\.\.\], received rank 2: \(None, 3\)/,
      );
    });

    it('names the inner layer when the step shape does not fit it, and changes nothing', () => {
      const inner = new Affine();
      const td = timeDistributed(inner);
      const x = input({ shape: [5, 3] });
      td.apply(x);
      const tensors = tf.memory().numTensors;
      expect(() => td.apply(input({ shape: [5, 4] }))).toThrow(
        /affine_1: expected axis -1 of the input to have size 3.*received 4 in \(None, 4\)/,
      );
      expect(() => td.apply(tf.ones([2, 5, 4]))).toThrow(ShapeError);
      expect(td.inboundNodes).toHaveLength(1);
      expect(tf.memory().numTensors).toBe(tensors + 1);
    });

    it('leaks no tensor on any path', () => {
      const x = input({ shape: [null, 3] });
      const layers = [
        timeDistributed(new Affine()),
        timeDistributed(new Affine(), { strategy: 'loop' }),
        timeDistributed(new Affine(), { chunkSize: 2 }),
      ];
      const m = model({ inputs: x, outputs: layers.reduce((t, l) => l.apply(t), x) });
      const data = tf.ones([2, 5, 3]);
      tf.dispose(m.predict(data));
      const before = tf.memory().numTensors;
      for (let i = 0; i < 50; i++) tf.dispose(m.predict(data));
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
