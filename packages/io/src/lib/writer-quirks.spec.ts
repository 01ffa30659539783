// Files as their writers left them (Keras 1's: keras1-files.spec.ts): a `.keras` archive written
// by Keras 3.0 on Windows, Keras 3's Resizing keys, `groups: 1` on every Keras 2.4+ convolution, mixed-precision policies,
// damaged HDF5 groups, and error messages that name the layer once. Every file is built here,
// laid out byte for byte as its writer lays it out.
import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { conv2d, dense } from '@framewise/layers';
import { loadModel, loadWeights, ModelFileError } from '../index.js';
import { writeKeras2Weights, writeKeras3Weights } from './formats/h5-weights.js';
import { writeHdf5, type H5WriteGroup } from './hdf5.js';
import { keras3Config, keras3Groups } from './versions/index.js';
import { json, warnings } from './testing/load-warnings.test-helpers.js';
import { writeZip } from './zip.js';

beforeEach(() => resetNames());

describe('Keras 3 Resizing', () => {
  it('loads without warnings when its Keras 3 keys keep the default behaviour', async () => {
    const w = warnings();
    const m = await loadModel(
      json({
        class_name: 'Sequential',
        keras_version: '3.6.0',
        config: {
          name: 's',
          layers: [
            { class_name: 'InputLayer', config: { batch_shape: [null, 8, 6, 3], name: 'in' } },
            {
              class_name: 'Resizing',
              config: {
                name: 'resize',
                height: 4,
                width: 4,
                interpolation: 'bilinear',
                crop_to_aspect_ratio: false,
                pad_to_aspect_ratio: false,
                fill_mode: 'constant',
                fill_value: 0,
                data_format: 'channels_last',
              },
            },
          ],
        },
      }),
      w,
    );
    expect(w.seen).toEqual([]);
    expect(m.outputs[0]?.shape).toEqual([null, 4, 4, 3]);
    m.dispose();
  });
});

/** A small model with a TimeDistributed Dense and a Dense, and its `.keras` config. */
function twoDense(): Model {
  const x = input({ shape: [3, 4] });
  const h = dense({ units: 5, activation: 'relu' }).apply(x);
  return model({ inputs: x, outputs: dense({ units: 2 }).apply(h) as never });
}

/** The `.keras` archive of `m`, its weights file laid out by `write`, its config changed by `edit`. */
async function archive(
  m: Model,
  write: (root: H5WriteGroup, m: Model) => void,
  edit: (config: Record<string, unknown>) => void = () => undefined,
): Promise<Uint8Array> {
  const config = keras3Config(m) as Record<string, unknown>;
  edit(config);
  return writeZip({
    'metadata.json': json({ keras_version: '3.0.1' }),
    'config.json': json(config),
    'model.weights.h5': await writeHdf5((root) => write(root, m)),
  });
}

/** Keras 3.0 on Windows: each object's path joined with `\` into one top-level group name. */
function windowsLayout(root: H5WriteGroup, m: Model): void {
  for (const g of keras3Groups(m)) {
    const owner = g.path.replace(/\/?vars$/, '').replaceAll('/', '\\');
    const parent =
      owner === '' ? root : ((root.get(owner) as H5WriteGroup | null) ?? root.create_group(owner));
    const vars = parent.create_group('vars');
    g.variables.forEach((v, i) =>
      vars.create_dataset({
        name: String(i),
        data: v.value.dataSync() as Float32Array,
        shape: v.shape,
        dtype: '<f',
      }),
    );
  }
}

function expectSamePredictions(a: Model, b: Model, shape: number[]): void {
  const x = tf.randomUniform(shape, -1, 1, 'float32', 7);
  const ya = a.predict(x) as tf.Tensor;
  const yb = b.predict(x) as tf.Tensor;
  expect(Array.from(yb.dataSync())).toEqual(Array.from(ya.dataSync()));
  tf.dispose([x, ya, yb]);
}

describe('a .keras archive written on Windows', () => {
  it('loads with weights from backslash-named groups (layers\\dense\\vars)', async () => {
    const m = twoDense();
    const bytes = await archive(m, windowsLayout);
    const w = warnings();
    const loaded = await loadModel(bytes, w);
    expect(w.seen).toEqual([]);
    expectSamePredictions(m, loaded, [2, 3, 4]);
    // The same weights file alone, through loadWeights.
    const again = twoDense();
    await loadWeights(again, await writeHdf5((root) => windowsLayout(root, m)));
    expectSamePredictions(m, again, [2, 3, 4]);
    [m, loaded, again].forEach((x) => x.dispose());
  });
});

describe('Keras 3 dtype policies', () => {
  it('mixed_float16 on every layer loads, computes in float32, and warns once for the file', async () => {
    const m = twoDense();
    const policy = {
      module: 'keras',
      class_name: 'DTypePolicy',
      config: { name: 'mixed_float16' },
      registered_name: null,
    };
    const bytes = await archive(
      m,
      (root, model) => writeKeras3Weights(model, root),
      (config) => {
        const layers = (
          config['config'] as { layers: { class_name: string; config: Record<string, unknown> }[] }
        ).layers;
        for (const l of layers) if (l.class_name !== 'InputLayer') l.config['dtype'] = policy;
      },
    );
    const w = warnings();
    const loaded = await loadModel(bytes, w);
    expect(w.seen).toHaveLength(1);
    expect(w.seen[0]).toMatch(/asks for mixed_float16 \(2 layers\); Framewise computes in float32/);
    expectSamePredictions(m, loaded, [2, 3, 4]);
    [m, loaded].forEach((x) => x.dispose());
  });
});

describe('convolution groups', () => {
  const withGroups = (groups: number): Uint8Array => {
    const x = input({ shape: [5, 5, 4] });
    const m = model({
      inputs: x,
      outputs: conv2d({ filters: 4, kernelSize: 3 }).apply(x) as never,
    });
    const topology = { ...m.toJSON(), keras_version: '2.9.0' } as Record<string, unknown>;
    const layers = (
      topology['config'] as { layers: { class_name: string; config: Record<string, unknown> }[] }
    ).layers;
    for (const l of layers) if (l.class_name === 'Conv2D') l.config['groups'] = groups;
    m.dispose();
    return json(topology);
  };

  it('groups: 1, which Keras 2.4+ writes on every convolution, loads without a warning', async () => {
    const w = warnings();
    const m = await loadModel(withGroups(1), w);
    expect(w.seen).toEqual([]);
    m.dispose();
  });

  it('groups: 2 is refused, naming the layer once, since it changes the results', async () => {
    const before = tf.memory().numTensors;
    const error = await loadModel(withGroups(2), warnings()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).location).toMatch(/^config\.layers\[1\]$/);
    expect((error as Error).message).toMatch(
      /\(config\.layers\[1\]\): Conv2D 'conv2d\w*': groups must be 1 \(grouped convolutions are not supported\), received 2$/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('error messages', () => {
  it('name the layer once: class and name, then what is wrong', async () => {
    const error = await loadModel(
      json({
        class_name: 'Sequential',
        keras_version: '2.9.0',
        config: {
          name: 's',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 4], name: 'in' } },
            { class_name: 'Dense', config: { name: 'dense', units: -3 } },
          ],
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    const message = (error as Error).message;
    expect(message).toBe(
      "<bytes> (config.layers[1]): Dense 'dense': units must be an integer ≥ 1, received -3",
    );
  });
});

describe('damaged HDF5 objects', () => {
  it('a group or dataset that cannot be read is reported as damaged, never as missing', async () => {
    const x = input({ shape: [3] });
    const m = model({ inputs: x, outputs: dense({ units: 2, name: 'dense_1' }).apply(x) as never });
    const bytes = await writeHdf5((root) => writeKeras2Weights(m, root, '2.9.0'));
    // Scribble over each object header (`OHDR`) in turn: the file's groups and datasets.
    const text = Buffer.from(bytes).toString('latin1');
    const headers: number[] = [];
    for (let i = text.indexOf('OHDR'); i >= 0; i = text.indexOf('OHDR', i + 1)) headers.push(i);
    expect(headers.length).toBeGreaterThanOrEqual(5);
    const messages: string[] = [];
    for (const at of headers) {
      const damaged = bytes.slice();
      damaged[at + 6] = (damaged[at + 6] ?? 0) ^ 0xff;
      damaged[at + 7] = (damaged[at + 7] ?? 0) ^ 0xff;
      const error = await loadWeights(m, damaged).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelFileError);
      messages.push((error as Error).message);
    }
    for (const message of messages) expect(message).not.toMatch(/no such|missing/);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /\(\/dense_1\): the group is in the file but cannot be read \(.+\): the file is damaged there/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /\(\/dense_1\/dense_1\/kernel:0\): the dataset is in the file but cannot be read/,
      ),
    );
    m.dispose();
  });
});
