import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { resetNames } from '@framewise/core';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import { describeRecurrentLayer } from '../testing/recurrent-suite.test-helpers.js';
import { gru, gruPlugin, type GRUOptions } from './gru.js';
import '../index.js';

beforeEach(() => resetNames());

/** tf.keras 2's GRU with reset_after=True, written out step by step (sigmoid gates). */
function kerasResetAfter(x: tf.Tensor3D, [kernel, recurrent, bias]: tf.Tensor[]): tf.Tensor {
  const units = recurrent!.shape[0]!;
  const [bIn, bRec] = tf.unstack(bias!);
  let h: tf.Tensor = tf.zeros([x.shape[0], units]);
  const outputs: tf.Tensor[] = [];
  for (const xt of tf.unstack(x, 1)) {
    const mx = tf.add(tf.matMul(xt, kernel as tf.Tensor2D), bIn!);
    const mh = tf.add(tf.matMul(h as tf.Tensor2D, recurrent as tf.Tensor2D), bRec!);
    const [xz, xr, xh] = tf.split(mx, 3, 1);
    const [hz, hr, hh] = tf.split(mh, 3, 1);
    const z = tf.sigmoid(tf.add(xz!, hz!));
    const r = tf.sigmoid(tf.add(xr!, hr!));
    const candidate = tf.tanh(tf.add(xh!, tf.mul(r, hh!)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    outputs.push(h);
  }
  return tf.stack(outputs, 1);
}

describe('GRU', () => {
  describeRecurrentLayer<GRUOptions>({
    className: 'GRU',
    make: gru,
    reference: (o) => tfl.layers.gru(o as never),
    plugin: gruPlugin,
    stateCount: 1,
    variants: [{ recurrentActivation: 'sigmoid' }, { activation: 'relu', goBackwards: true }],
  });

  it("computes tf.keras 2's resetAfter formulation, which tfjs-layers refuses", () => {
    expect(() => tfl.layers.gru({ units: 3, resetAfter: true } as never)).toThrow(/reset_after/);
    const layer = gru({
      units: 3,
      resetAfter: true,
      recurrentActivation: 'sigmoid',
      returnSequences: true,
      biasInitializer: 'randomNormal',
    });
    const x = tf.randomNormal([2, 4, 5]) as tf.Tensor3D;
    const y = layer.apply(x);
    expect(layer.getWeights().map((w) => w.shape)).toEqual([
      [5, 9],
      [3, 9],
      [2, 9],
    ]);
    expect(layer.countParams()).toBe(45 + 27 + 18);
    expect(maxAbsDiff(y, kerasResetAfter(x, layer.getWeights()))).toBeLessThanOrEqual(1e-6);
    const config = layer.getConfig();
    expect(config).toMatchObject({ reset_after: true, recurrent_activation: 'sigmoid' });
    expect(gruPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(config);
  });

  it('refuses a resetAfter that is not a boolean and an unknown implementation', () => {
    expect(() => gru({ units: 2, resetAfter: 1 as never })).toThrow(
      /resetAfter must be true or false, received 1/,
    );
    expect(() => gru({ units: 2, implementation: 3 })).toThrow(/implementation must be 1 or 2/);
  });
});
