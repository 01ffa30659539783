import * as tf from '@tensorflow/tfjs-core';
import {
  getLayerPlugin,
  input,
  model,
  modelFromJSON,
  resetNames,
  timeDistributed,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import {
  averagePooling3d,
  cropping1d,
  cropping2d,
  cropping3d,
  globalAveragePooling2d,
  globalAveragePooling3d,
  globalMaxPooling1d,
  maxPooling3d,
  permute,
  repeatVector,
  upSampling1d,
  upSampling3d,
  zeroPadding1d,
  zeroPadding3d,
} from './index.js';
import { maxAbsDiff } from './testing/reference.test-helpers.js';

// Models made of the shape layers (3-D pooling, cropping, padding, up-sampling,
// RepeatVector, Permute) through Keras model JSON, and the layer configs as
// tf.keras 2 writes them read back.

beforeEach(() => resetNames());

function roundTrip(m: Model, data: tf.Tensor): void {
  const back = modelFromJSON(JSON.stringify(m));
  expect(back.layers.map((l) => [l.name, l.className])).toEqual(
    m.layers.map((l) => [l.name, l.className]),
  );
  expect(back.toJSON()).toEqual(m.toJSON());
  const [a, b] = [m.predict(data), back.predict(data)] as tf.Tensor[];
  expect(maxAbsDiff(a as tf.Tensor, b as tf.Tensor)).toBe(0);
  tf.dispose([a as tf.Tensor, b as tf.Tensor]);
}

const chain = (x: SymbolicTensor, ...fs: { apply(t: SymbolicTensor): SymbolicTensor }[]) =>
  fs.reduce((t, f) => f.apply(t), x);

describe('the shape layers in Keras model JSON', () => {
  it('round-trips a volume model', () => {
    const x = input({ shape: [6, 6, 6, 2] });
    const y = chain(
      x,
      zeroPadding3d({ padding: [1, 0, 2] }),
      cropping3d({
        cropping: [
          [1, 1],
          [0, 2],
          [1, 3],
        ],
      }),
      maxPooling3d({ poolSize: 2 }),
      upSampling3d({ size: [1, 2, 2] }),
      averagePooling3d({ poolSize: [1, 2, 2], padding: 'same' }),
      globalAveragePooling3d({ keepdims: true }),
    );
    expect(y.shape).toEqual([null, 1, 1, 1, 2]);
    roundTrip(model({ inputs: x, outputs: y }), tf.randomNormal([2, 6, 6, 6, 2]));
  });

  it('round-trips a sequence model', () => {
    const x = input({ shape: [5, 3] });
    const y = chain(
      x,
      zeroPadding1d({ padding: [2, 0] }),
      cropping1d({ cropping: [0, 1] }),
      upSampling1d({ size: 2 }),
      permute({ dims: [2, 1] }),
      globalMaxPooling1d(),
      repeatVector({ n: 4 }),
    );
    expect(y.shape).toEqual([null, 4, 12]);
    roundTrip(model({ inputs: x, outputs: y }), tf.randomNormal([2, 5, 3]));
  });

  it('round-trips the layers inside TimeDistributed', () => {
    const x = input({ shape: [null, 6, 6, 2] });
    const y = chain(
      x,
      timeDistributed(
        cropping2d({
          cropping: [
            [1, 0],
            [2, 1],
          ],
        }),
      ),
      timeDistributed(globalAveragePooling2d({ keepdims: true })),
      timeDistributed(permute({ dims: [3, 1, 2] })),
    );
    expect(y.shape).toEqual([null, null, 2, 1, 1]);
    roundTrip(model({ inputs: x, outputs: y }), tf.randomNormal([2, 3, 6, 6, 2]));
  });
});

// Each as tf.keras 2.x's get_config() writes it (keepdims on every global pooling from 2.6).
const KERAS2: [string, Record<string, unknown>, number[], number[]][] = [
  [
    'MaxPooling3D',
    { pool_size: [2, 2, 2], padding: 'valid', strides: [2, 2, 2], data_format: 'channels_last' },
    [1, 4, 4, 4, 2],
    [1, 2, 2, 2, 2],
  ],
  [
    'AveragePooling3D',
    { pool_size: [1, 2, 2], padding: 'same', strides: [1, 1, 1], data_format: 'channels_last' },
    [1, 3, 3, 3, 2],
    [1, 3, 3, 3, 2],
  ],
  [
    'GlobalMaxPooling3D',
    { data_format: 'channels_last', keepdims: false },
    [1, 2, 2, 2, 3],
    [1, 3],
  ],
  [
    'GlobalAveragePooling3D',
    { data_format: 'channels_last', keepdims: true },
    [1, 2, 2, 2, 3],
    [1, 1, 1, 1, 3],
  ],
  [
    'GlobalAveragePooling1D',
    { data_format: 'channels_last', keepdims: true },
    [1, 4, 3],
    [1, 1, 3],
  ],
  ['Cropping1D', { cropping: [1, 2] }, [1, 6, 2], [1, 3, 2]],
  [
    'Cropping2D',
    {
      cropping: [
        [1, 0],
        [0, 2],
      ],
      data_format: 'channels_last',
    },
    [1, 4, 4, 2],
    [1, 3, 2, 2],
  ],
  [
    'Cropping3D',
    {
      cropping: [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      data_format: 'channels_last',
    },
    [1, 4, 4, 4, 1],
    [1, 2, 2, 2, 1],
  ],
  ['ZeroPadding1D', { padding: [1, 1] }, [1, 3, 2], [1, 5, 2]],
  [
    'ZeroPadding3D',
    {
      padding: [
        [1, 1],
        [0, 0],
        [2, 0],
      ],
      data_format: 'channels_last',
    },
    [1, 2, 2, 2, 1],
    [1, 4, 2, 4, 1],
  ],
  ['UpSampling1D', { size: 2 }, [1, 3, 2], [1, 6, 2]],
  [
    'UpSampling3D',
    { size: [2, 2, 2], data_format: 'channels_last' },
    [1, 1, 2, 1, 2],
    [1, 2, 4, 2, 2],
  ],
  ['RepeatVector', { n: 3 }, [1, 4], [1, 3, 4]],
  ['Permute', { dims: [2, 1] }, [1, 3, 4], [1, 4, 3]],
];

describe('the shape layers read from tf.keras 2 configs', () => {
  it.each(KERAS2)('%s', (className, fields, inShape, outShape) => {
    const config = { name: 'from_keras', trainable: true, dtype: 'float32', ...fields };
    const layer = getLayerPlugin(className).fromConfig(config);
    expect(layer.className).toBe(className);
    expect(layer.name).toBe('from_keras');
    const y = layer.apply(tf.zeros(inShape)) as tf.Tensor;
    expect(y.shape).toEqual(outShape);
    y.dispose();
    // What we write back is what Keras wrote, but keepdims: false, which is left out for Keras < 2.6.
    const { keepdims, ...rest } = config as Record<string, unknown>;
    expect(layer.getConfig()).toEqual(keepdims === true ? config : rest);
  });
});

describe('the 1-D shape layers read from Keras 3 configs', () => {
  it.each(['Cropping1D', 'ZeroPadding1D', 'UpSampling1D'])(
    '%s takes the data_format Keras 3 writes, and refuses channels_first',
    (className) => {
      const plugin = getLayerPlugin(className);
      const written = plugin.fromConfig({ name: 'k3', data_format: 'channels_last' }).getConfig();
      expect(written).not.toHaveProperty('data_format');
      expect(() => plugin.fromConfig({ name: 'k3', data_format: 'channels_first' })).toThrow(
        /k3: dataFormat must be one of channelsLast, received "channelsFirst"/,
      );
    },
  );
});
