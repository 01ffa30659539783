import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { dense, normalization } from '@framewise/layers';
import { writeKeras2Weights } from './formats/h5-weights.js';
import { writeHdf5, type H5WriteGroup } from './hdf5.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from './load-model.js';
import { loadWeights } from './load-weights.js';
import { saveModel } from './save-model.js';

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

describe("Normalization's weights in model files", () => {
  it('load from HDF5 with an int64 count, as numbers, in Keras order: mean, variance, count', async () => {
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

  it.each([
    ['tfjs', 'model.json', {}],
    ['keras', 'model.keras', {}],
    ['keras-json', 'model.json', { weights: 'model_weights.h5' }],
  ] as const)(
    'an adapted Normalization saved as %s loads back with its mean, variance and count',
    async (format, file, load) => {
      const dir = mkdtempSync(join(tmpdir(), 'framewise-normalization-'));
      try {
        const saved = normalized();
        const layer = saved.layers[1] as ReturnType<typeof normalization>;
        layer.adapt(
          tf.tensor2d([
            [0, 7, 4],
            [2, 9, 6],
          ]),
        );
        await saveModel(saved, join(dir, file), { format });
        const weights = 'weights' in load ? { weights: join(dir, load.weights) } : {};
        const loaded = await loadModel(join(dir, file), weights);
        expect(loaded.layers[1]!.weights.map((w) => w.name)).toEqual([
          'normalization/mean',
          'normalization/variance',
          'normalization/count',
        ]);
        loaded
          .getWeights()
          .forEach((w, i) =>
            expect(Array.from(w.dataSync())).toEqual(Array.from(saved.getWeights()[i]!.dataSync())),
          );
        expect(Array.from(loaded.layers[1]!.getWeights()[2]!.dataSync())).toEqual([2]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
