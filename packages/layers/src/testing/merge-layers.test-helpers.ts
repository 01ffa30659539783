import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type LayerPlugin,
  type SymbolicTensor,
  type TimeDistributedStrategy,
} from '@framewise/core';
import type { Merge } from '../common/merge.js';
import { maxAbsDiff } from './reference.test-helpers.js';
import { boolValues, expectNoLeak, referenceConfigKeys } from './basic-layers.test-helpers.js';

// The checks every element-wise merge layer (Subtract, Average, Maximum,
// Minimum) passes against its tfjs-layers twin; broadcasting and errors come
// from the merge base and are covered once in add.spec.ts.

export interface ElementWiseMergeCase {
  make: (options?: { name?: string }) => Merge;
  plugin: LayerPlugin<never>;
  reference: () => tfl.layers.Layer;
  /** Rewrites the inputs before the reference sees them (Subtract: tfjs-layers Add on `[a, -b]`). */
  referenceInputs?: (xs: tf.Tensor[]) => tf.Tensor[];
  /** Input shapes to compare with tfjs-layers; each case a list of shapes. */
  shapes: number[][][];
}

export function describeElementWiseMerge(title: string, c: ElementWiseMergeCase): void {
  const reference = (xs: tf.Tensor[]): tf.Tensor =>
    tf.tidy(() => c.reference().apply(c.referenceInputs ? c.referenceInputs(xs) : xs) as tf.Tensor);
  describe(`${title} (element-wise merge)`, () => {
    beforeEach(() => resetNames());

    it.each(c.shapes.map((s) => [JSON.stringify(s), s] as const))(
      'equals tfjs-layers on %s',
      (_, shapes) => {
        const xs = shapes.map((s) => tf.randomNormal(s));
        const ours = c.make().apply(xs) as tf.Tensor;
        const ref = reference(xs);
        expect(ours.shape).toEqual(ref.shape);
        expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-6);
        tf.dispose([...xs, ours, ref]);
      },
    );

    it('infers shapes as tfjs-layers does, null sizes included, and has no weights', () => {
      const shapes = [
        [null, null, 4],
        [null, 3, 1],
      ];
      expect(c.make().computeOutputShape(shapes)).toEqual(
        c.reference().computeOutputShape(shapes as number[][]),
      );
      const y = c.make().apply([input({ shape: [3] }), input({ shape: [3] })]) as SymbolicTensor;
      expect(y.shape).toEqual([null, 3]);
      expect(y.sourceLayer.countParams()).toBe(0);
      expect(() =>
        c.make({ name: 'm' }).apply([input({ shape: [2] }), input({ shape: [3] })]),
      ).toThrow(ShapeError);
    });

    it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
      const config = c.make({ name: 'merged' }).getConfig();
      expect(config).toEqual({ name: 'merged', trainable: true, dtype: 'float32' });
      expect(c.plugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
      expect(Object.keys(config).sort()).toEqual(referenceConfigKeys(c.reference()));
    });

    it.each(['reshape', 'loop'] as TimeDistributedStrategy[])(
      'inside timeDistributed (%s) equals tfjs-layers on the whole sequences, a broadcast input included',
      (strategy) => {
        const [a, b, meta] = [
          input({ shape: [null, 4] }),
          input({ shape: [null, 4] }),
          input({ shape: [4] }),
        ];
        const pair = timeDistributed(c.make(), { strategy }).apply([a, b]) as SymbolicTensor;
        const withMeta = timeDistributed(c.make(), { strategy, broadcastInputs: [1] }).apply([
          a,
          meta,
        ]) as SymbolicTensor;
        const m = model({ inputs: [a, b, meta], outputs: [pair, withMeta] });
        const xs = [
          tf.randomNormal([2, 5, 4]),
          tf.randomNormal([2, 5, 4]),
          tf.randomNormal([2, 4]),
        ];
        const [p, q] = m.predict(xs) as tf.Tensor[];
        const [x0, x1, x2] = xs as [tf.Tensor, tf.Tensor, tf.Tensor];
        expect(maxAbsDiff(p!, reference([x0, x1]))).toBeLessThanOrEqual(1e-6);
        expect(maxAbsDiff(q!, reference([x0, x2]))).toBeLessThanOrEqual(1e-6);
      },
    );

    it('merges masks as Keras does (a position counts where every masked input counts it) and leaks nothing', () => {
      const xs = [tf.ones([2, 3, 4]), tf.ones([2, 3, 4])];
      const masks = [
        tf.tensor2d(
          [
            [1, 1, 0],
            [1, 0, 1],
          ],
          [2, 3],
          'bool',
        ),
        tf.tensor2d(
          [
            [1, 0, 1],
            [1, 1, 1],
          ],
          [2, 3],
          'bool',
        ),
      ];
      const layer = c.make();
      expect(boolValues(layer.computeMask(xs, masks) as tf.Tensor)).toEqual([
        true,
        false,
        false,
        true,
        false,
        true,
      ]);
      expect(boolValues(layer.computeMask(xs, [masks[0]!, null]) as tf.Tensor)).toEqual(
        boolValues(masks[0]!),
      );
      expect(layer.computeMask(xs, undefined)).toBeNull();
      expectNoLeak(() => layer.apply(xs) as tf.Tensor);
      expectNoLeak(() => layer.computeMask(xs, masks) as tf.Tensor);
      tf.dispose([...xs, ...masks]);
    });
  });
}
