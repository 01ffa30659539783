// Keras 1 files as Keras 1 wrote them: TimeDistributedDense, the convolution and noise classes
// Keras 2 renamed, and Keras 1 field names. Every file is built here, laid out as Keras 1 lays it out.
import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
// Importing the catalog registers the layer classes the files name.
import '@framewise/layers';
import { loadModel } from '../index.js';
import { writeHdf5 } from './hdf5.js';
import { json, warnings } from './testing/load-warnings.test-helpers.js';

beforeEach(() => resetNames());

/** A Keras 1.1 `.h5` file: a Sequential whose only layer is a TimeDistributedDense. */
function keras1TimeDistributedDense(W: number[], b: number[]): Promise<Uint8Array> {
  const config = {
    class_name: 'Sequential',
    config: [
      {
        class_name: 'TimeDistributedDense',
        config: {
          name: 'timedistributeddense_1',
          output_dim: 2,
          init: 'glorot_uniform',
          activation: 'tanh',
          W_regularizer: { name: 'WeightRegularizer', l1: 0, l2: 0.01 },
          b_regularizer: null,
          activity_regularizer: null,
          W_constraint: null,
          b_constraint: null,
          bias: true,
          input_dim: 3,
          input_length: 4,
          batch_input_shape: [null, 4, 3],
          input_dtype: 'float32',
          trainable: true,
        },
      },
    ],
  };
  return writeHdf5((root) => {
    root.create_attribute('model_config', JSON.stringify(config));
    root.create_attribute('keras_version', '1.1.0');
    root.create_attribute('backend', 'tensorflow');
    const weights = root.create_group('model_weights');
    weights.create_attribute('layer_names', ['timedistributeddense_1']);
    const g = weights.create_group('timedistributeddense_1');
    g.create_attribute('weight_names', ['timedistributeddense_1_W', 'timedistributeddense_1_b']);
    g.create_dataset({
      name: 'timedistributeddense_1_W',
      data: new Float32Array(W),
      shape: [3, 2],
      dtype: '<f',
    });
    g.create_dataset({
      name: 'timedistributeddense_1_b',
      data: new Float32Array(b),
      shape: [2],
      dtype: '<f',
    });
  });
}

describe("Keras 1's TimeDistributedDense", () => {
  it('loads from a Keras 1 .h5 as TimeDistributed(Dense), with its weights and l2, and computes tanh(x·W + b) per step', async () => {
    const W = [0.5, -1, 0.25, 2, -0.75, 1.5];
    const b = [0.1, -0.2];
    const w = warnings();
    const m = await loadModel(await keras1TimeDistributedDense(W, b), w);
    expect(w.seen).toEqual([]);
    expect(m.layers.map((l) => l.className)).toEqual(['TimeDistributed']);
    const wrapper = m.layers[0];
    expect(wrapper?.name).toBe('timedistributeddense_1');
    const inner = wrapper?.getConfig()['layer'] as {
      class_name: string;
      config: Record<string, unknown>;
    };
    expect(inner.class_name).toBe('Dense');
    expect(inner.config).toMatchObject({ units: 2, activation: 'tanh', use_bias: true });
    expect(inner.config['kernel_regularizer']).toMatchObject({ config: { l2: 0.01 } });
    const x = tf.tensor3d(
      Array.from({ length: 2 * 4 * 3 }, (_, i) => Math.sin(i)),
      [2, 4, 3],
    );
    const expected = tf.tidy(() => {
      const steps = tf.matMul(tf.reshape(x, [8, 3]), tf.tensor2d(W, [3, 2]));
      return tf.reshape(tf.tanh(tf.add(steps, tf.tensor1d(b))), [2, 4, 2]);
    });
    const y = m.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBeLessThan(1e-6);
    tf.dispose([x, y, expected]);
    m.dispose();
  });

  it('maps a TimeDistributedDense given only input_dim and input_length', async () => {
    const m = await loadModel(
      json({
        class_name: 'Sequential',
        keras_version: '1.2.2',
        config: [
          {
            class_name: 'TimeDistributedDense',
            config: { name: 'tdd', output_dim: 5, input_dim: 3, input_length: 7, init: 'uniform' },
          },
        ],
      }),
      warnings(),
    );
    expect(m.outputs[0]?.shape).toEqual([null, 7, 5]);
    expect(m.countParams()).toBe(3 * 5 + 5);
    m.dispose();
  });
});

describe('Keras 1 convolution and noise classes', () => {
  it('load as their Keras 2 successors, with Keras 1 field names mapped', async () => {
    const w = warnings();
    const m = await loadModel(
      json({
        class_name: 'Sequential',
        keras_version: '1.2.2',
        config: [
          {
            class_name: 'Convolution3D',
            config: {
              name: 'c3',
              nb_filter: 2,
              kernel_dim1: 2,
              kernel_dim2: 3,
              kernel_dim3: 3,
              subsample: [1, 1, 1],
              border_mode: 'same',
              dim_ordering: 'tf',
              init: 'glorot_uniform',
              batch_input_shape: [null, 4, 6, 6, 1],
            },
          },
          { class_name: 'Reshape', config: { name: 'r', target_shape: [24, 12] } },
          {
            class_name: 'AtrousConvolution1D',
            config: {
              name: 'a1',
              nb_filter: 3,
              filter_length: 2,
              atrous_rate: 2,
              border_mode: 'valid',
            },
          },
          { class_name: 'GaussianNoise', config: { name: 'gn', sigma: 0.3 } },
          { class_name: 'GaussianDropout', config: { name: 'gd', p: 0.2 } },
        ],
      }),
      w,
    );
    expect(w.seen).toEqual([]);
    expect(m.layers.map((l) => l.className)).toEqual([
      'Conv3D',
      'Reshape',
      'Conv1D',
      'GaussianNoise',
      'GaussianDropout',
    ]);
    const config = (i: number): Record<string, unknown> => m.layers[i]?.getConfig() ?? {};
    expect(config(0)).toMatchObject({ filters: 2, kernel_size: [2, 3, 3], padding: 'same' });
    expect(config(2)).toMatchObject({ filters: 3, kernel_size: [2], dilation_rate: [2] });
    expect(config(3)).toMatchObject({ stddev: 0.3 });
    expect(config(4)).toMatchObject({ rate: 0.2 });
    expect(m.outputs[0]?.shape).toEqual([null, 22, 3]);
    m.dispose();
  });
});
