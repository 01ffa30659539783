import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { multiHeadAttention } from '@framewise/layers';
import { loadWeights } from '../../index.js';
import { writeHdf5, type H5WriteGroup } from '../hdf5.js';

// A Keras 2 `save_weights` .h5 of a model with MultiHeadAttention, laid out
// here as Keras 2 writes it (h5wasm, no stored blob): `weight_names` in the
// order of the layer's weights (query, key, value, attention_output; kernel
// then bias), each dataset under its name `multi_head_attention/query/kernel:0`.
// HDF5 lists groups alphabetically (attention_output, key, query, value), so
// only a reader that follows `weight_names` puts each value in its place.

const KERAS_ORDER: [string, number[]][] = [
  ['query/kernel:0', [6, 2, 3]],
  ['query/bias:0', [2, 3]],
  ['key/kernel:0', [5, 2, 3]],
  ['key/bias:0', [2, 3]],
  ['value/kernel:0', [5, 2, 4]],
  ['value/bias:0', [2, 4]],
  ['attention_output/kernel:0', [2, 4, 6]],
  ['attention_output/bias:0', [6]],
];

/** Weight `i`'s values: `i + j / 1000`, so any value tells where it came from. */
const valuesOf = (i: number, shape: number[]): Float32Array =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, j) => i + j / 1000);

function kerasFile(layer: string): Promise<Uint8Array> {
  return writeHdf5((root: H5WriteGroup) => {
    root.create_attribute('layer_names', ['input_1', 'input_2', layer]);
    root.create_attribute('backend', 'tensorflow');
    root.create_attribute('keras_version', '2.11.0');
    for (const name of ['input_1', 'input_2'])
      root.create_group(name).create_attribute('weight_names', new Float64Array(0), [0]);
    const g = root.create_group(layer);
    g.create_attribute(
      'weight_names',
      KERAS_ORDER.map(([n]) => `${layer}/${n}`),
    );
    const top = g.create_group(layer);
    const groups = new Map<string, H5WriteGroup>();
    // Written in alphabetical order, as h5py lists them back.
    [...KERAS_ORDER.entries()]
      .sort(([, a], [, b]) => a[0].localeCompare(b[0]))
      .forEach(([i, [n, shape]]) => {
        const [sub = '', name = ''] = n.split('/');
        const parent = groups.get(sub) ?? top.create_group(sub);
        groups.set(sub, parent);
        parent.create_dataset({ name, data: valuesOf(i, shape), shape, dtype: '<f' });
      });
  });
}

function mhaModel(): Model {
  resetNames();
  const q = input({ shape: [4, 6] });
  const v = input({ shape: [7, 5] });
  const mha = multiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4 });
  return model({ inputs: [q, v], outputs: mha.apply([q, v]) as never });
}

describe('MultiHeadAttention weights in a Keras 2 .h5', () => {
  it('load in the order of weight_names: query, key, value, then the output projection', async () => {
    const m = mhaModel();
    await loadWeights(m, await kerasFile('multi_head_attention_1'));
    const layer = m.layers[2]!;
    layer.weights.forEach((w, i) => {
      expect(w.name).toBe(`multi_head_attention_1/${KERAS_ORDER[i]![0].replace(':0', '')}`);
      expect(Array.from(w.value.dataSync())).toEqual(Array.from(valuesOf(i, KERAS_ORDER[i]![1])));
    });
    // And the model runs on them.
    const y = m.predict([tf.ones([1, 4, 6]), tf.ones([1, 7, 5])]) as tf.Tensor;
    expect(y.shape).toEqual([1, 4, 6]);
    m.dispose();
  });
});

/** A Keras 3 `.weights.h5`: each projection is an EinsumDense sub-layer with `vars/0` (kernel) and `vars/1` (bias). */
function keras3File(): Promise<Uint8Array> {
  const folders = ['query_dense', 'key_dense', 'value_dense', 'output_dense'];
  return writeHdf5((root: H5WriteGroup) => {
    const layer = root.create_group('layers').create_group('multi_head_attention');
    layer.create_group('vars');
    folders.forEach((folder, p) => {
      const vars = layer.create_group(folder).create_group('vars');
      for (const v of [0, 1]) {
        const i = 2 * p + v;
        const shape = KERAS_ORDER[i]?.[1] ?? [];
        vars.create_dataset({ name: String(v), data: valuesOf(i, shape), shape, dtype: '<f' });
      }
    });
  });
}

describe('MultiHeadAttention weights in a Keras 3 .weights.h5', () => {
  it('load from the query_dense, key_dense, value_dense and output_dense folders', async () => {
    const m = mhaModel();
    await loadWeights(m, await keras3File());
    const layer = m.layers[2];
    layer?.weights.forEach((w, i) =>
      expect(Array.from(w.value.dataSync())).toEqual(
        Array.from(valuesOf(i, KERAS_ORDER[i]?.[1] ?? [])),
      ),
    );
    expect(layer?.weights).toHaveLength(8);
    m.dispose();
  });
});
