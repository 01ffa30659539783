import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  ConfigError,
  input,
  model,
  resetNames,
  sequential,
  ShapeError,
  timeDistributed,
  type TimeDistributedStrategy,
} from '@framewise/core';
import { dense } from '../dense/dense.js';
import { maxAbsDiff, referenceApply } from '../testing/reference.test-helpers.js';
import {
  boolValues,
  expectNoLeak,
  expectTimeDistributedMatches,
  MaskRecorder,
  referenceConfigKeys,
} from '../testing/basic-layers.test-helpers.js';
import { embedding, embeddingPlugin } from './embedding.js';

beforeEach(() => resetNames());

const ids = [
  [1, 2, 0, 0, 3],
  [0, 4, 5, 6, 0],
];

describe('Embedding', () => {
  it.each(['int32', 'float32'] as const)('equals tfjs-layers Embedding on %s indices', (dtype) => {
    const layer = embedding({ inputDim: 7, outputDim: 3 });
    const x = tf.tensor2d(ids, [2, 5], dtype);
    const ours = layer.apply(x);
    expect(ours.shape).toEqual([2, 5, 3]);
    const ref = referenceApply(tfl.layers.embedding({ inputDim: 7, outputDim: 3 }), x, layer);
    expect(maxAbsDiff(ours, ref)).toBe(0);
  });

  it('infers shapes and counts parameters as tfjs-layers, inputLength and null sizes included', () => {
    const cases: [Record<string, unknown>, (number | null)[]][] = [
      [{}, [null, null]],
      [{}, [null, 5]],
      [{}, [null, 2, 3]],
      [{ inputLength: 5 }, [null, 5]],
      [{ inputLength: 5 }, [null, null]],
      [{ inputLength: [2, null] }, [null, 2, 3]],
    ];
    for (const [extra, shape] of cases) {
      const layer = embedding({ inputDim: 10, outputDim: 4, ...extra });
      const reference = tfl.layers.embedding({ inputDim: 10, outputDim: 4, ...extra });
      expect(layer.computeOutputShape(shape)).toEqual(
        reference.computeOutputShape(shape as number[]),
      );
    }
    const layer = embedding({ inputDim: 10, outputDim: 4 });
    expect(layer.apply(input({ shape: [null], dtype: 'int32' })).shape).toEqual([null, null, 4]);
    const reference = tfl.layers.embedding({ inputDim: 10, outputDim: 4 });
    reference.apply(tfl.input({ shape: [5] }));
    expect(layer.countParams()).toBe(reference.countParams());
    expect(layer.countParams()).toBe(40);
  });

  it('takes its input shape from inputLength, like tfjs-layers, so a Sequential model can start with it', () => {
    expect(embedding({ inputDim: 5, outputDim: 2 }).batchInputShape).toEqual([null, null]);
    const layer = embedding({ inputDim: 5, outputDim: 2, inputLength: 4 });
    expect(layer.batchInputShape).toEqual([null, 4]);
    const m = sequential({ layers: [layer] });
    expect(m.outputs[0]!.shape).toEqual([null, 4, 2]);
  });

  it('with maskZero, masks the zero indices: computeMask is input != 0 as a bool tensor', () => {
    const layer = embedding({ inputDim: 7, outputDim: 3, maskZero: true });
    const x = tf.tensor2d(ids, [2, 5], 'int32');
    const mask = layer.computeMask(x, null) as tf.Tensor;
    expect(mask.dtype).toBe('bool');
    expect(mask.shape).toEqual([2, 5]);
    expect(boolValues(mask)).toEqual(ids.flat().map((v) => v !== 0));
    const ref = tfl.layers.embedding({ inputDim: 7, outputDim: 3, maskZero: true });
    expect(boolValues(ref.computeMask(x) as tf.Tensor)).toEqual(boolValues(mask));
    expect(embedding({ inputDim: 7, outputDim: 3 }).computeMask(x, null)).toBeNull();
  });

  it.each(['reshape', 'loop', 'auto'] as TimeDistributedStrategy[])(
    'sends its mask through the model graph: embedding -> timeDistributed(dense) (%s) -> a later layer gets [batch, time]',
    (strategy) => {
      const x = input({ shape: [5], dtype: 'int32' });
      const e = embedding({ inputDim: 7, outputDim: 4, maskZero: true }).apply(x);
      const h = timeDistributed(dense({ units: 3 }), { strategy }).apply(e);
      const recorder = new MaskRecorder();
      const m = model({ inputs: x, outputs: recorder.apply(h) });
      const y = m.predict(tf.tensor2d(ids, [2, 5], 'int32')) as tf.Tensor;
      expect(y.shape).toEqual([2, 5, 3]);
      expect(recorder.lastMask).toEqual({
        shape: [2, 5],
        values: ids.flat().map((v) => v !== 0),
      });
    },
  );

  it('inside timeDistributed gives tfjs-layers TimeDistributed numbers and a [batch, time, ...] mask', () => {
    const data = tf.tensor3d(
      [
        [
          [1, 0, 2],
          [3, 3, 0],
        ],
        [
          [0, 0, 0],
          [4, 1, 2],
        ],
      ],
      [2, 2, 3],
    );
    expectTimeDistributedMatches(
      () => embedding({ inputDim: 5, outputDim: 2 }),
      () => tfl.layers.embedding({ inputDim: 5, outputDim: 2 }),
      data,
    );
    const td = timeDistributed(embedding({ inputDim: 5, outputDim: 2, maskZero: true }));
    const mask = td.computeMask(data, null) as tf.Tensor;
    expect(mask.shape).toEqual([2, 2, 3]);
    expect(boolValues(mask)).toEqual(Array.from(data.dataSync()).map((v) => v !== 0));
  });

  it('round-trips its Keras config, with the keys tfjs-layers writes', () => {
    const layer = embedding({
      inputDim: 100,
      outputDim: 8,
      maskZero: true,
      inputLength: 12,
      embeddingsInitializer: 'glorotUniform',
      name: 'emb',
    });
    const config = layer.getConfig();
    expect(config).toMatchObject({
      name: 'emb',
      batch_input_shape: [null, 12],
      input_dim: 100,
      output_dim: 8,
      mask_zero: true,
      input_length: 12,
      embeddings_initializer: { class_name: 'VarianceScaling', config: { mode: 'fan_avg' } },
      embeddings_regularizer: null,
    });
    expect(embeddingPlugin.fromConfig(JSON.parse(JSON.stringify(config))).getConfig()).toEqual(
      config,
    );
    const plain = embedding({ inputDim: 3, outputDim: 2 }).getConfig();
    expect(plain).toMatchObject({
      input_length: null,
      mask_zero: false,
      embeddings_initializer: {
        class_name: 'RandomUniform',
        config: { minval: -0.05, maxval: 0.05 },
      },
    });
    expect(embeddingPlugin.fromConfig(JSON.parse(JSON.stringify(plain))).getConfig()).toEqual(
      plain,
    );
    expect(Object.keys(config).sort()).toEqual(
      referenceConfigKeys(
        tfl.layers.embedding({ inputDim: 100, outputDim: 8, maskZero: true, inputLength: 12 }),
      ),
    );
    expect(
      embeddingPlugin
        .fromConfig({ ...config, embeddings_regularizer: { class_name: 'L2' } })
        .getConfig(),
    ).toMatchObject({ embeddings_regularizer: { class_name: 'L2', config: { l2: 0.01 } } });
  });

  it('refuses bad options and inputs with typed errors naming the layer', () => {
    expect(() => embedding({ inputDim: 0, outputDim: 2 })).toThrow(ConfigError);
    expect(() => embedding({ inputDim: 3, outputDim: 2.5, name: 'e' })).toThrow(
      /e: outputDim must be an integer ≥ 1, received 2.5/,
    );
    expect(() => embedding({ inputDim: 3, outputDim: 2, maskZero: 'yes' as never })).toThrow(
      /maskZero must be true or false, received "yes"/,
    );
    expect(() => embedding({ inputDim: 3, outputDim: 2, inputLength: 0 })).toThrow(
      /inputLength must be an integer ≥ 1, or a list of them/,
    );
    expect(() =>
      embedding({ inputDim: 3, outputDim: 2, inputLength: 5, name: 'e' }).apply(
        input({ shape: [4] }),
      ),
    ).toThrow(/e: inputLength 5 does not match the input \(None, 4\)/);
    expect(() =>
      embedding({ inputDim: 3, outputDim: 2, inputLength: 5 }).apply(input({ shape: [5, 2] })),
    ).toThrow(ShapeError);
  });

  it('leaks no tensors, masks included', () => {
    const layer = embedding({ inputDim: 7, outputDim: 3, maskZero: true });
    const x = tf.tensor2d(ids, [2, 5], 'int32');
    expectNoLeak(() => layer.apply(x));
    expectNoLeak(() => layer.computeMask(x, null) as tf.Tensor);
    const xi = input({ shape: [5], dtype: 'int32' });
    const m = model({
      inputs: xi,
      outputs: timeDistributed(dense({ units: 2 })).apply(layer.apply(xi)),
    });
    expectNoLeak(() => m.predict(x));
  });
});
