import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  ShapeError,
  type SymbolicTensor,
  timeDistributed,
  type TimeDistributedStrategy,
} from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectNoLeak, referenceConfigKeys } from '../testing/basic-layers.test-helpers.js';
import { Multiply, multiply, multiplyPlugin } from './multiply.js';

beforeEach(() => resetNames());

// Shapes, masks and errors come from the merge base shared with Add (see add.spec.ts).
describe('Multiply', () => {
  it.each(
    [
      [
        [2, 3, 4],
        [2, 3, 4],
        [2, 3, 4],
      ],
      [
        [2, 3, 4],
        [2, 1, 4],
      ],
      [
        [2, 3, 4],
        [2, 4],
      ],
    ].map((shapes) => [JSON.stringify(shapes), shapes] as const),
  )('equals tfjs-layers Multiply on %s', (_, shapes) => {
    const xs = shapes.map((s) => tf.randomNormal(s));
    const ours = multiply().apply(xs) as tf.Tensor;
    const ref = tfl.layers.multiply({}).apply(xs) as tf.Tensor;
    expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-6);
  });

  it('infers shapes as tfjs-layers does and has no weights', () => {
    const shapes = [
      [null, null, 4],
      [null, 1, 4],
    ];
    expect(new Multiply().computeOutputShape(shapes)).toEqual(
      tfl.layers.multiply({}).computeOutputShape(shapes as number[][]),
    );
    const y = multiply([input({ shape: [3] }), input({ shape: [3] })]);
    expect(y.shape).toEqual([null, 3]);
    expect(y.sourceLayer.countParams()).toBe(0);
    expect(() =>
      multiply({ name: 'times' }).apply([input({ shape: [2] }), input({ shape: [3] })]),
    ).toThrow(ShapeError);
  });

  it.each(['reshape', 'loop'] as TimeDistributedStrategy[])(
    'gates every step with a broadcast [batch, features] input inside timeDistributed (%s)',
    (strategy) => {
      const [seq, gate] = [input({ shape: [null, 4] }), input({ shape: [4] })];
      const td = timeDistributed(multiply(), { strategy, broadcastInputs: [1] });
      const m = model({ inputs: [seq, gate], outputs: td.apply([seq, gate]) as SymbolicTensor });
      const xs = [tf.randomNormal([2, 5, 4]), tf.randomNormal([2, 4])];
      const expected = tfl.layers.multiply({}).apply(xs) as tf.Tensor;
      expect(maxAbsDiff(m.predict(xs) as tf.Tensor, expected)).toBeLessThanOrEqual(1e-6);
    },
  );

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const config = multiply({ name: 'times' }).getConfig();
    expect(multiplyPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    expect(Object.keys(config).sort()).toEqual(referenceConfigKeys(tfl.layers.multiply({})));
  });

  it('leaks no tensors', () => {
    const layer = multiply();
    const xs = [tf.ones([2, 3, 4]), tf.ones([2, 4])];
    expectNoLeak(() => layer.apply(xs) as tf.Tensor);
  });
});
