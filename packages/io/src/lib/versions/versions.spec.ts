import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@framewise/layers';
import { resetNames } from '@framewise/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../index.js';
import { SHARED } from '../testing/fixtures.test-helpers.js';
import { flavourOf, normaliseLayer, snakeClass } from './index.js';

const text = (x: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(x));
const noWarn = (): never => {
  throw new Error('no warning expected');
};
beforeEach(() => resetNames());

describe('version mapping', () => {
  it('tells the flavour from keras_version first, Keras 3 and Keras 1 markers second', () => {
    expect(flavourOf({}, '3.3.3')).toBe(3);
    expect(flavourOf({ keras_version: '2.3.1' })).toBe(2);
    expect(flavourOf({ keras_version: 'tfjs-layers 1.1.0' })).toBe(2);
    expect(flavourOf({ keras_version: '1.2.2' })).toBe(1);
    expect(flavourOf({ config: { dtype: { class_name: 'DTypePolicy' } } })).toBe(3);
    expect(flavourOf({ config: { layers: [{ config: { output_dim: 3 } }] } })).toBe(1);
  });

  it('maps Keras 1 field names, Keras 3 DTypePolicy, batch_shape, module/registered_name and {args, kwargs} nodes', () => {
    const warn = jest.fn();
    expect(
      normaliseLayer(
        { class_name: 'Dense', config: { output_dim: 3, init: 'glorot_uniform', bias: false } },
        1,
        'x',
        warn,
      ),
    ).toEqual({
      class_name: 'Dense',
      config: {
        units: 3,
        use_bias: false,
        kernel_initializer: { class_name: 'GlorotUniform', config: {} },
      },
    });
    expect(
      normaliseLayer(
        {
          class_name: 'Conv2D',
          config: { nb_filter: 4, nb_row: 3, nb_col: 2, border_mode: 'same', dim_ordering: 'tf' },
        },
        1,
        'x',
        warn,
      )['config'],
    ).toEqual({
      filters: 4,
      kernel_size: [3, 2],
      padding: 'same',
      data_format: 'channels_last',
    });
    const keras3 = normaliseLayer(
      {
        module: 'keras.layers',
        class_name: 'Dense',
        registered_name: null,
        name: 'd',
        config: {
          dtype: {
            module: 'keras',
            class_name: 'DTypePolicy',
            config: { name: 'float32' },
            registered_name: null,
          },
          activation: 'hard_sigmoid',
          kernel_initializer: {
            module: 'keras.initializers',
            class_name: 'OrthogonalInitializer',
            config: { gain: 1 },
            registered_name: null,
          },
        },
        build_config: { input_shape: [null, 3] },
        inbound_nodes: [
          {
            args: [
              {
                class_name: '__keras_tensor__',
                config: { shape: [null, 3], dtype: 'float32', keras_history: ['inp', 0, 0] },
              },
            ],
            kwargs: { training: false, mask: null },
          },
        ],
      },
      3,
      'x',
      warn,
    );
    expect(keras3).toEqual({
      class_name: 'Dense',
      name: 'd',
      config: {
        dtype: 'float32',
        activation: 'hard_sigmoid_keras3',
        kernel_initializer: { class_name: 'Orthogonal', config: { gain: 1 } },
      },
      inbound_nodes: [[['inp', 0, 0, { training: false }]]],
    });
    expect(
      normaliseLayer(
        { class_name: 'InputLayer', config: { batch_shape: [null, 2], dtype: 'mixed_float16' } },
        3,
        'config.layers[0]',
        warn,
      )['config'],
    ).toEqual({ batch_input_shape: [null, 2], dtype: 'float32' });
    expect(warn).toHaveBeenCalledWith(
      'config.layers[0].config.dtype',
      'dtype mixed_float16 is computed in float32',
      'mixed_float16',
    );
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('spells class names the way Keras 3 paths do', () => {
    expect(
      [
        'Conv2D',
        'SimpleRNN',
        'BatchNormalization',
        'LSTM',
        'TimeDistributed',
        'Conv2DTranspose',
        'InputLayer',
      ].map(snakeClass),
    ).toEqual([
      'conv2d',
      'simple_rnn',
      'batch_normalization',
      'lstm',
      'time_distributed',
      'conv2d_transpose',
      'input_layer',
    ]);
  });

  it('gives hard_sigmoid the definition of the Keras that wrote the file, against tfjs-layers', async () => {
    const dense = (flavourKeras: string) => ({
      class_name: 'Sequential',
      keras_version: flavourKeras,
      config: {
        name: 's',
        layers: [
          {
            class_name: 'Dense',
            config: {
              name: 'd',
              units: 1,
              activation: 'hard_sigmoid',
              use_bias: false,
              kernel_initializer: { class_name: 'Ones', config: {} },
              batch_input_shape: [null, 1],
            },
          },
        ],
      },
    });
    const x = tf.tensor2d([[-4], [-2.6], [-1], [0], [1.2], [2.4], [3.5]]);
    const keras2 = await loadModel(text(dense('2.15.0')), { onWarning: noWarn });
    const keras3 = await loadModel(text(dense('3.3.3')), { onWarning: noWarn });
    const reference2 = tfl.layers.activation({ activation: 'hardSigmoid' }).apply(x) as tf.Tensor;
    // Keras 3's hard_sigmoid, worked by hand: relu6(x + 3) / 6 at each x above.
    const reference3 = tf.tensor2d([[0], [0.4 / 6], [2 / 6], [0.5], [4.2 / 6], [5.4 / 6], [1]]);
    expect(Array.from((keras2.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from(reference2.dataSync()),
    );
    Array.from((keras3.predict(x) as tf.Tensor).dataSync()).forEach((v, i) =>
      expect(v).toBeCloseTo(reference3.dataSync()[i]!, 6),
    );
    // Written back, each keeps its meaning: Keras 3's under its own name in Keras 2 JSON.
    expect(JSON.stringify(keras3.toJSON())).toContain('"activation":"hard_sigmoid_keras3"');
    expect(JSON.stringify(keras2.toJSON())).toContain('"activation":"hard_sigmoid"');
    keras2.dispose();
    keras3.dispose();
  });

  it('reads the real Keras 2.3.1 to_json fixture and a Keras 1 Sequential', async () => {
    const keras231 = readFileSync(join(SHARED, 'keras231-td-dense-config/time_distributed.json'));
    const reference = JSON.parse(
      readFileSync(join(SHARED, 'keras231-td-dense-config/reference.json'), 'utf8'),
    );
    const model = await loadModel(new Uint8Array(keras231), { onWarning: noWarn });
    expect(model.outputs[0]!.shape).toEqual(reference.outputShape);
    expect(model.countParams()).toBe(reference.params);
    model.dispose();
    const keras1 = {
      class_name: 'Sequential',
      keras_version: '1.2.2',
      config: [
        {
          class_name: 'Dense',
          config: {
            name: 'dense_1',
            output_dim: 4,
            init: 'glorot_uniform',
            activation: 'relu',
            batch_input_shape: [null, 3],
            bias: true,
            W_regularizer: null,
            b_regularizer: null,
          },
        },
      ],
    };
    const old = await loadModel(text(keras1), { onWarning: noWarn });
    expect(old.outputs[0]!.shape).toEqual([null, 4]);
    expect(old.countParams()).toBe(16);
    old.dispose();
  });
});
