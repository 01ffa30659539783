import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  ShapeError,
  timeDistributed,
  type SymbolicTensor,
  type TimeDistributedStrategy,
} from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { expectNoLeak, referenceConfigKeys } from '../testing/basic-layers.test-helpers.js';
import { Dot, dot, dotPlugin, type DotOptions } from './dot.js';

beforeEach(() => resetNames());

// [input 0 shape, input 1 shape, axes, normalize, output shape]
const CASES: [number[], number[], DotOptions['axes'], boolean, number[]][] = [
  [[2, 4], [2, 4], 1, false, [2, 1]],
  [[2, 4], [2, 4], -1, true, [2, 1]],
  [[2, 3, 4], [2, 5, 4], 2, false, [2, 3, 5]],
  [[2, 3, 4], [2, 5, 4], -1, true, [2, 3, 5]],
  [[2, 3, 4], [2, 4, 5], [2, 1], false, [2, 3, 5]],
  [[2, 3, 4], [2, 4, 5], [-1, -2], false, [2, 3, 5]],
  [[2, 3, 4], [2, 3, 5], 1, false, [2, 4, 5]],
  [[2, 3, 4], [2, 4], [2, 1], false, [2, 3]],
  [[2, 4], [2, 4, 5], [1, 1], false, [2, 5]],
];

// tfjs-layers' Dot refuses rank 4 and more: these are checked against a sum written out by hand.
const HIGHER: [number[], number[], [number, number], number[]][] = [
  [
    [2, 3, 4, 5],
    [2, 5, 6],
    [3, 1],
    [2, 3, 4, 6],
  ],
  [
    [2, 3, 4, 5],
    [2, 6, 4],
    [2, 2],
    [2, 3, 5, 6],
  ],
  [
    [2, 3, 4],
    [2, 5, 3, 6],
    [1, 2],
    [2, 4, 5, 6],
  ],
];

/** out[b, ...xRest, ...yRest] = Σ_k x[b, ..k at i..] · y[b, ..k at j..], one loop per value. */
function bruteDot(x: tf.Tensor, y: tf.Tensor, i: number, j: number): number[] {
  const xb = x.bufferSync();
  const yb = y.bufferSync();
  const xRest = x.shape.map((_, k) => k).filter((k) => k !== 0 && k !== i);
  const yRest = y.shape.map((_, k) => k).filter((k) => k !== 0 && k !== j);
  const dims = [x.shape[0]!, ...xRest.map((k) => x.shape[k]!), ...yRest.map((k) => y.shape[k]!)];
  const out: number[] = [];
  const index = dims.map(() => 0);
  for (let n = 0; n < dims.reduce((p, d) => p * d, 1); n++) {
    let rem = n;
    for (let d = dims.length - 1; d >= 0; d--) {
      index[d] = rem % dims[d]!;
      rem = Math.floor(rem / dims[d]!);
    }
    let sum = 0;
    for (let k = 0; k < x.shape[i]!; k++) {
      const xi = x.shape.map(() => 0);
      const yi = y.shape.map(() => 0);
      xi[0] = yi[0] = index[0]!;
      xRest.forEach((a, r) => (xi[a] = index[1 + r]!));
      yRest.forEach((a, r) => (yi[a] = index[1 + xRest.length + r]!));
      xi[i] = yi[j] = k;
      sum += xb.get(...xi) * yb.get(...yi);
    }
    out.push(sum);
  }
  return out;
}

describe('Dot', () => {
  it.each(CASES.map((c) => [`${JSON.stringify(c.slice(0, 4))}`, ...c] as const))(
    'equals tfjs-layers Dot on %s',
    (_, a, b, axes, normalize, out) => {
      const xs = [tf.randomNormal(a), tf.randomNormal(b)];
      const ours = dot({ axes, normalize }).apply(xs) as tf.Tensor;
      const ref = tfl.layers.dot({ axes, normalize }).apply(xs) as tf.Tensor;
      expect(ours.shape).toEqual(out);
      expect(ref.shape).toEqual(out);
      expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(1e-5);
      const shapes = [
        [null, ...a.slice(1)],
        [null, ...b.slice(1)],
      ];
      expect(new Dot({ axes }).computeOutputShape(shapes)).toEqual([null, ...out.slice(1)]);
      tf.dispose([...xs, ours, ref]);
    },
  );

  it.each(HIGHER.map((c) => [JSON.stringify(c.slice(0, 3)), ...c] as const))(
    'on higher ranks %s equals the sum written out (Keras 2 batch_dot)',
    (_, a, b, axes, out) => {
      const xs = [tf.randomNormal(a), tf.randomNormal(b)] as const;
      const ours = dot({ axes }).apply([...xs]) as tf.Tensor;
      expect(ours.shape).toEqual(out);
      const expected = bruteDot(xs[0], xs[1], axes[0], axes[1]);
      Array.from(ours.dataSync()).forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 4));
    },
  );

  it('contracts by hand-worked numbers: [1, 2]·[3, 4] = 11; normalised, the cosine 11/(√5·5)', () => {
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3, 4]]);
    expect(Array.from((dot({ axes: 1 }).apply([a, b]) as tf.Tensor).dataSync())).toEqual([11]);
    const cos = (dot({ axes: 1, normalize: true }).apply([a, b]) as tf.Tensor).dataSync()[0];
    expect(cos).toBeCloseTo(11 / (Math.sqrt(5) * 5), 6);
  });

  it('refuses bad axes, the batch axis, mismatched sizes and other input counts, naming the layer', () => {
    expect(() => dot({ axes: 1.5 } as DotOptions)).toThrow(ConfigError);
    expect(() => dot({ axes: [1, 2, 3] } as unknown as DotOptions)).toThrow(
      /axes must be an integer or a list of 2 integers, received \[1,2,3\]/,
    );
    expect(() => dot({ axes: 1, normalize: 'yes' } as unknown as DotOptions)).toThrow(
      /normalize must be true or false/,
    );
    const [a, b] = [input({ shape: [3, 4] }), input({ shape: [3, 5] })];
    expect(() => dot({ axes: 2, name: 'd' }).apply([a, b])).toThrow(
      /d: the contracted axes must have one size: axis 2 of input 0 \(None, 3, 4\) has 4, axis 2 of input 1 \(None, 3, 5\) has 5/,
    );
    expect(() => dot({ axes: 0, name: 'd' }).apply([a, b])).toThrow(/axis 0 is the batch axis/);
    expect(() => dot({ axes: -3 }).apply([a, b])).toThrow(ShapeError);
    expect(() => dot({ axes: 1 }).apply([a, b, a])).toThrow(/exactly 2 inputs, received 3/);
    expect(() => dot({ axes: 1 }).apply(a)).toThrow(/exactly 2 inputs, received one input/);
    const before = tf.memory().numTensors;
    const xs = [tf.ones([2, 3]), tf.ones([2, 4])];
    expect(() => dot({ axes: 1 }).apply(xs)).toThrow(ShapeError);
    tf.dispose(xs);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips its Keras config (axes as an int or a pair), with the keys tfjs-layers writes', () => {
    for (const axes of [1, [2, 1]] as DotOptions['axes'][]) {
      const config = dot({ axes, normalize: true, name: 'sim' }).getConfig();
      expect(config).toEqual({
        name: 'sim',
        trainable: true,
        dtype: 'float32',
        axes,
        normalize: true,
      });
      expect(dotPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
    }
    expect(Object.keys(dot({ axes: 1 }).getConfig()).sort()).toEqual(
      referenceConfigKeys(tfl.layers.dot({ axes: 1 })),
    );
  });

  it('has no output mask (Keras), no weights, and counts one product per output value and contracted position', () => {
    const xs = [tf.ones([2, 3, 4]), tf.ones([2, 5, 4])];
    const layer = dot({ axes: -1 });
    expect(layer.computeMask(xs, [tf.ones([2, 3], 'bool'), null])).toBeNull();
    expect(
      layer.macs([
        [null, 3, 4],
        [null, 5, 4],
      ]),
    ).toBe(3 * 5 * 4);
    expect(
      layer.macs([
        [null, 4],
        [null, 4],
      ]),
    ).toBe(4);
    expect(
      layer.macs([
        [null, null, 4],
        [null, 5, 4],
      ]),
    ).toBe(0);
    expect(
      timeDistributed(dot({ axes: -1 })).macs([
        [null, 7, 3, 4],
        [null, 7, 5, 4],
      ]),
    ).toBe(7 * 3 * 5 * 4);
    const y = dot({ axes: 1 }).apply([
      input({ shape: [3] }),
      input({ shape: [3] }),
    ]) as SymbolicTensor;
    expect(y.sourceLayer.countParams()).toBe(0);
    expectNoLeak(() => layer.apply(xs) as tf.Tensor);
    expectNoLeak(() => dot({ axes: 2, normalize: true }).apply(xs) as tf.Tensor);
    tf.dispose(xs);
  });

  it.each(['reshape', 'loop'] as TimeDistributedStrategy[])(
    'inside timeDistributed (%s) takes one dot per step, as tfjs-layers Dot on the whole sequences',
    (strategy) => {
      // Per step [3, 4]·[5, 4] over the features; on the sequences the same axis is 3.
      const [a, b] = [input({ shape: [null, 3, 4] }), input({ shape: [null, 5, 4] })];
      const y = timeDistributed(dot({ axes: -1 }), { strategy }).apply([a, b]) as SymbolicTensor;
      expect(y.shape).toEqual([null, null, 3, 5]);
      const m = model({ inputs: [a, b], outputs: y });
      const xs = [tf.randomNormal([2, 6, 3, 4]), tf.randomNormal([2, 6, 5, 4])];
      const got = m.predict(xs) as tf.Tensor;
      const steps = [0, 1, 2, 3, 4, 5].map(
        (t) =>
          tfl.layers
            .dot({ axes: -1 })
            .apply(xs.map((x) => tf.squeeze(tf.slice(x, [0, t], [-1, 1]), [1]))) as tf.Tensor,
      );
      expect(maxAbsDiff(got, tf.stack(steps, 1))).toBeLessThanOrEqual(1e-5);
    },
  );
});
