import * as tf from '@tensorflow/tfjs-core';
import { modelFromJSON, resetNames } from '@framewise/core';
import './index.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';

// A functional model as tf.keras 2.15's `model.to_json()` writes it (class names,
// snake_case keys, `axis` as a list, `mean: null` for an adapted Normalization),
// loaded and checked against the same computation written with plain tfjs ops.

beforeEach(() => resetNames());

const layer = (
  className: string,
  name: string,
  config: Record<string, unknown>,
  inbound: string[],
): Record<string, unknown> => ({
  class_name: className,
  config: { name, trainable: true, dtype: 'float32', ...config },
  name,
  inbound_nodes: inbound.length ? [inbound.map((i) => [i, 0, 0, {}])] : [],
});

const KERAS2_JSON = {
  class_name: 'Functional',
  config: {
    name: 'model',
    trainable: true,
    layers: [
      {
        class_name: 'InputLayer',
        config: {
          batch_input_shape: [null, 6, 8, 3],
          dtype: 'float32',
          sparse: false,
          ragged: false,
          name: 'image',
        },
        name: 'image',
        inbound_nodes: [],
      },
      layer('Rescaling', 'rescaling', { scale: 1 / 255, offset: 0 }, ['image']),
      layer('CenterCrop', 'center_crop', { height: 4, width: 6 }, ['rescaling']),
      layer(
        'Resizing',
        'resizing',
        { height: 2, width: 3, interpolation: 'bilinear', crop_to_aspect_ratio: false },
        ['center_crop'],
      ),
      layer(
        'Normalization',
        'normalization',
        { axis: [-1], invert: false, mean: [0.5, 0.4, 0.3], variance: [0.25, 0.04, 1] },
        ['resizing'],
      ),
      layer('Normalization', 'normalization_1', { axis: [-1], mean: null, variance: null }, [
        'resizing',
      ]),
      layer('Subtract', 'subtract', {}, ['normalization', 'normalization_1']),
      layer('Maximum', 'maximum', {}, ['subtract', 'normalization']),
      layer('Dot', 'dot', { axes: -1, normalize: false }, ['maximum', 'normalization_1']),
    ],
    input_layers: [['image', 0, 0]],
    output_layers: [['dot', 0, 0]],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
};

describe('a tf.keras 2 model with merge and preprocessing layers', () => {
  it('loads from its JSON and computes what the same ops in plain tfjs compute', () => {
    const m = modelFromJSON(JSON.stringify(KERAS2_JSON));
    expect(m.layers.map((l) => l.className)).toEqual([
      'InputLayer',
      'Rescaling',
      'CenterCrop',
      'Resizing',
      'Normalization',
      'Normalization',
      'Subtract',
      'Maximum',
      'Dot',
    ]);
    // Only the adapted Normalization has weights: mean, variance, count (3 + 3 + 1).
    expect(m.countParams()).toBe(7);
    const adapted = [tf.tensor1d([0.2, 0.1, 0]), tf.tensor1d([4, 1, 0.25]), tf.scalar(96)];
    m.setWeights(adapted);
    const x = tf.randomUniform([2, 6, 8, 3], 0, 255, 'float32', 4);
    const y = m.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 2, 3, 2, 3]);

    // The same by hand: crop rows 1..4 and columns 1..6, then halve with half-pixel
    // centres, which at exactly half size is the mean of each 2×2 block.
    const crop = tf.slice(tf.div(x, 255), [0, 1, 1, 0], [-1, 4, 6, -1]) as tf.Tensor4D;
    const small = tf.avgPool(crop, 2, 2, 'valid');
    const fixed = tf.div(tf.sub(small, [0.5, 0.4, 0.3]), tf.sqrt([0.25, 0.04, 1]));
    const adaptedOut = tf.div(tf.sub(small, adapted[0]!), tf.sqrt(adapted[1]!));
    const merged = tf.maximum(tf.sub(fixed, adaptedOut), fixed);
    // Dot over the last axis of two [b, 2, 3, 3] tensors: [b, 2, 3, 2, 3].
    const expected = tf.reshape(
      tf.matMul(tf.reshape(merged, [2, 6, 3]), tf.reshape(adaptedOut, [2, 6, 3]), false, true),
      [2, 2, 3, 2, 3],
    );
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-4);
    // Written back with tf.keras 2's keys and values.
    const back = m.toJSON() as unknown as {
      config: { layers: { config: Record<string, unknown> }[] };
    };
    expect(back.config.layers[4]!.config).toMatchObject({
      axis: [-1],
      invert: false,
      mean: [0.5, 0.4, 0.3],
    });
    expect(back.config.layers[5]!.config).toMatchObject({ axis: [-1], mean: null, variance: null });
    expect(back.config.layers[3]!.config).toMatchObject({ crop_to_aspect_ratio: false });
  });
});
