import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { dense, normalization } from '@framewise/layers';
import { writeKeras2Weights } from './formats/h5-weights.js';
import { writeHdf5, type H5WriteGroup } from './hdf5.js';
import { loadWeights } from './load-weights.js';

// tf.keras 2.6+ and Keras 3 store Normalization's `count` as an int64 scalar;
// h5wasm reads int64 as BigInt. Such files must load (as float32 values).

function normalized(): Model {
  resetNames();
  const x = input({ shape: [3] });
  const n = normalization({ name: 'normalization' });
  return model({ inputs: x, outputs: dense({ units: 2 }).apply(n.apply(x)) });
}

/** The model's Keras 2 weights file, with every `count:0` dataset written as int64 as Keras writes it. */
function keras2WithInt64Count(m: Model): Promise<Uint8Array> {
  const wrap = (g: H5WriteGroup): H5WriteGroup =>
    new Proxy(g, {
      get(target, prop) {
        if (prop === 'create_group') return (name: string) => wrap(target.create_group(name));
        if (prop === 'get') {
          return (name: string) => {
            const entity = target.get(name) as { type?: unknown } | null;
            return entity?.type === 'Group' ? wrap(entity as H5WriteGroup) : entity;
          };
        }
        if (prop === 'create_dataset') {
          return (args: Parameters<H5WriteGroup['create_dataset']>[0]) =>
            args.name === 'count:0'
              ? target.create_dataset({
                  ...args,
                  data: BigInt64Array.from(Array.from(args.data as Float32Array), (v) => BigInt(v)),
                  dtype: '<q',
                })
              : target.create_dataset(args);
        }
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
  return writeHdf5((root) => writeKeras2Weights(m, wrap(root), '2.15.0'));
}

describe('int64 weights (Normalization count) in HDF5 files', () => {
  it('load as numbers into the model, in Keras order: mean, variance, count', async () => {
    const saved = normalized();
    saved.layers[1]!.setWeights([tf.tensor1d([1, 2, 3]), tf.tensor1d([4, 9, 16]), tf.scalar(40)]);
    const bytes = await keras2WithInt64Count(saved);
    const loaded = normalized();
    await loadWeights(loaded, bytes);
    const [mean, variance, count] = loaded.layers[1]!.getWeights();
    expect(Array.from(mean!.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(variance!.dataSync())).toEqual([4, 9, 16]);
    expect(Array.from(count!.dataSync())).toEqual([40]);
    const x = tf.tensor2d([[3, 5, 7]]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((saved.predict(x) as tf.Tensor).dataSync()),
    );
  });
});
