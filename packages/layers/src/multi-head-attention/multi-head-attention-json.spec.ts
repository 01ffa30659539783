import * as tf from '@tensorflow/tfjs-core';
import {
  deserializeLayer,
  input,
  model,
  modelFromJSON,
  resetNames,
  serializeLayer,
} from '@framewise/core';
import { masking } from '../masking/masking.js';
import { maxAbsDiff } from '../testing/reference.test-helpers.js';
import {
  MultiHeadAttention,
  multiHeadAttention,
  multiHeadAttentionPlugin,
} from './multi-head-attention.js';
import '../index.js';

// MultiHeadAttention in Keras JSON: its config keys, Keras 2 model files that pass value, key and
// attention_mask as call arguments, and a masked model's round trip. Its numbers are in
// multi-head-attention.spec.ts.

beforeEach(() => resetNames());

describe('MultiHeadAttention in Keras JSON', () => {
  it('keeps the query mask through a model, and the model survives Keras JSON', () => {
    const x = input({ shape: [null, 4] });
    const masked = masking().apply(x);
    const m = model({
      inputs: x,
      outputs: multiHeadAttention({ numHeads: 2, keyDim: 2 }).apply([masked, masked]),
    });
    const data = tf.tensor3d([
      [
        [1, 2, 3, 4],
        [0, 0, 0, 0],
        [4, 3, 2, 1],
      ],
    ]);
    const y = m.predict(data) as tf.Tensor;
    const again = modelFromJSON(m.toJSON());
    again.setWeights(m.getWeights());
    expect(maxAbsDiff(again.predict(data) as tf.Tensor, y)).toBe(0);
    // The padded step is left out as query row and as key: the other steps equal
    // attention over the sequence without it.
    const short = tf.tensor3d([
      [
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ],
    ]);
    const alone = m.predict(short) as tf.Tensor;
    expect(maxAbsDiff(tf.gather(y, [0, 2], 1), alone)).toBeLessThan(1e-5);
  });

  it('reads Keras 2 model JSON, where value, key and attention_mask are call keyword arguments', () => {
    const inputLayer = (name: string, shape: number[]) => ({
      class_name: 'InputLayer',
      name,
      config: { batch_input_shape: [null, ...shape], dtype: 'float32', sparse: false, name },
      inbound_nodes: [],
    });
    const json = (kwargs: Record<string, unknown>) => ({
      class_name: 'Functional',
      config: {
        name: 'model',
        layers: [
          inputLayer('input_1', [4, 6]),
          inputLayer('input_2', [7, 5]),
          inputLayer('input_3', [7, 6]),
          inputLayer('input_4', [4, 7]),
          {
            class_name: 'MultiHeadAttention',
            name: 'multi_head_attention',
            config: { name: 'multi_head_attention', num_heads: 2, key_dim: 3, value_dim: 3 },
            inbound_nodes: [[['input_1', 0, 0, kwargs]]],
          },
        ],
        input_layers: [
          ['input_1', 0, 0],
          ['input_2', 0, 0],
          ['input_3', 0, 0],
          ['input_4', 0, 0],
        ],
        output_layers: [['multi_head_attention', 0, 0]],
      },
      keras_version: '2.11.0',
      backend: 'tensorflow',
    });
    const full = modelFromJSON(
      json({
        value: ['input_2', 0, 0],
        key: ['input_3', 0, 0],
        attention_mask: ['input_4', 0, 0],
      }) as never,
    );
    const mha = full.layers.find((l) => l.name === 'multi_head_attention')!;
    expect(mha.inboundNodes[0]!.inputTensors.map((t) => t.sourceLayer.name)).toEqual([
      'input_1',
      'input_2',
      'input_3',
      'input_4',
    ]);
    // Without a key, the value is the key (ahead of the mask).
    const noKey = modelFromJSON(
      json({ value: ['input_2', 0, 0], attention_mask: ['input_4', 0, 0] }) as never,
    );
    const node = noKey.layers.find((l) => l.name === 'multi_head_attention')!.inboundNodes[0]!;
    expect(node.inputTensors.map((t) => t.sourceLayer.name)).toEqual([
      'input_1',
      'input_2',
      'input_2',
      'input_4',
    ]);
    // A call flag the layer's config does not carry is refused, not ignored.
    expect(() =>
      modelFromJSON(json({ value: ['input_2', 0, 0], use_causal_mask: true }) as never),
    ).toThrow(/calls multi_head_attention with use_causal_mask=True.*set use_causal_mask/);
  });

  it('writes Keras 2 config keys (query_shape and the rest once built) and reads a Keras 2 config', () => {
    const layer = multiHeadAttention({
      numHeads: 2,
      keyDim: 3,
      dropout: 0.1,
      attentionAxes: 1,
      kernelRegularizer: 'l2',
      biasConstraint: 'nonNeg',
    });
    layer.apply([input({ shape: [4, 5] }), input({ shape: [6, 5] })]);
    const config = layer.getConfig();
    expect(config).toMatchObject({
      num_heads: 2,
      key_dim: 3,
      value_dim: 3,
      dropout: 0.1,
      use_bias: true,
      output_shape: null,
      attention_axes: [1],
      query_shape: [null, 4, 5],
      value_shape: [null, 6, 5],
      key_shape: [null, 6, 5],
      kernel_regularizer: { class_name: 'L2' },
      bias_constraint: { class_name: 'NonNeg' },
    });
    const again = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
    expect(again).toBeInstanceOf(MultiHeadAttention);
    const { query_shape: _q, key_shape: _k, value_shape: _v, ...rest } = config;
    expect(again.getConfig()).toMatchObject(rest);
    const keras = multiHeadAttentionPlugin.fromConfig({
      name: 'multi_head_attention',
      trainable: true,
      dtype: 'float32',
      num_heads: 4,
      key_dim: 8,
      value_dim: 8,
      dropout: 0.0,
      use_bias: true,
      output_shape: null,
      attention_axes: null,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      query_shape: [null, 10, 16],
      key_shape: [null, 10, 16],
      value_shape: [null, 10, 16],
    });
    expect(keras.getConfig()).toMatchObject({ num_heads: 4, key_dim: 8, attention_axes: null });
  });
});
