import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { registeredLayers, resetNames } from '@framewise/core';
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadWeights, ModelFileError } from '../index.js';
import { KERAS_LAYOUT, SHARED } from './testing/fixtures.test-helpers.js';

const tfjsDir = join(SHARED, 'tfjs-layers-td-lstm');
const tfjsJson = JSON.parse(readFileSync(join(tfjsDir, 'model.json'), 'utf8'));
const shard = new Uint8Array(readFileSync(join(tfjsDir, 'weights.bin')));
const keras2Json = JSON.parse(readFileSync(join(KERAS_LAYOUT, 'keras2-seq.json'), 'utf8'));
const text = (x: unknown): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
const tfjsFiles = (json: unknown, bin: Uint8Array<ArrayBuffer> | null = shard): File[] => [
  new File([text(json)], 'model.json'),
  ...(bin ? [new File([bin], 'weights.bin')] : []),
];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** Runs a load expected to fail; checks the error's type, file, location and message, and that no tensor leaked. */
async function expectFailure(
  load: () => Promise<unknown>,
  file: string | RegExp,
  location: string | RegExp | undefined | null,
  message: RegExp,
): Promise<ModelFileError> {
  const before = tf.memory().numTensors;
  const error = await load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelFileError);
  const e = error as ModelFileError;
  if (typeof file === 'string') expect(e.file).toBe(file);
  else expect(e.file).toMatch(file);
  if (location === null) {
    // any place
  } else if (location === undefined) expect(e.location).toBeUndefined();
  else if (typeof location === 'string') expect(e.location).toBe(location);
  else expect(e.location).toMatch(location);
  expect(e.message).toMatch(message);
  expect(tf.memory().numTensors).toBe(before);
  return e;
}

beforeEach(() => resetNames());

describe('typed errors naming the file and the place', () => {
  it('truncated JSON', async () => {
    const path = join(KERAS_LAYOUT, 'keras2-seq.json');
    const cut = readFileSync(path, 'utf8').slice(0, 500);
    await expectFailure(
      () => loadModel([new File([cut], 'cut.json')]),
      'cut.json',
      undefined,
      /truncated JSON/,
    );
  });

  it('a missing shard and a shard of the wrong size', async () => {
    await expectFailure(
      () => loadModel(tfjsFiles(tfjsJson, null)),
      'model.json',
      'weights.bin',
      /missing file weights\.bin/,
    );
    await expectFailure(
      () => loadModel(tfjsFiles(tfjsJson, shard.slice(0, 100))),
      'model.json',
      'shard weights.bin',
      /shard of the wrong size: .* need 9632 bytes, the shards hold 100/,
    );
    await expectFailure(
      () => loadModel(join(KERAS_LAYOUT, 'no-such-model.json')),
      /no-such-model\.json$/,
      undefined,
      /file not found/,
    );
  });

  it('a weight of the wrong shape (tfjs manifest and HDF5 dataset), leaving the model unchanged', async () => {
    const json = clone(tfjsJson);
    json.weightsManifest[0].weights[1].shape = [16, 20];
    await expectFailure(
      () => loadModel(tfjsFiles(json)),
      'model.json',
      /weightsManifest\[0\]\.weights\[1\] \(lstm_LSTM2\/kernel\)/,
      /wrong shape for lstm_LSTM2\/kernel: expected \(20, 16\), the file has \(16, 20\)/,
    );
    // The same file for a model whose LSTM has one unit more: nothing of it may be loaded.
    const json2 = clone(keras2Json);
    json2.config.layers[2].config.units = 7;
    const wrong = await loadModel(text(json2), { onWarning: () => undefined });
    const before = wrong.getWeights().map((w) => Array.from(w.dataSync()));
    await expectFailure(
      () => loadWeights(wrong, join(KERAS_LAYOUT, 'keras2-seq_weights.h5')),
      /keras2-seq_weights\.h5$/,
      '/lstm/lstm/lstm_cell/kernel:0',
      /expected \(5, 28\), the file has \(5, 24\)/,
    );
    expect(wrong.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
    wrong.dispose();
  });

  it('an unknown layer class lists the registered ones and says how to register a plugin', async () => {
    const json = clone(keras2Json);
    json.config.layers[2].class_name = 'FancyRNN';
    const e = await expectFailure(
      () => loadModel(text(json)),
      '<bytes>',
      'config.layers[2]',
      /unknown layer class 'FancyRNN'/,
    );
    expect(e.message).toContain(registeredLayers().join(', '));
    expect(e.message).toMatch(/registerLayer\(\{className, create, fromConfig\}\)/);
  });

  it("unknown config fields warn by default and fail with unknownFields: 'error'", async () => {
    const json = clone(keras2Json);
    json.config.layers[3].config.layer.config.units_scale = 3;
    const warnings: string[] = [];
    const model = await loadModel(text(json), { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      expect.stringMatching(
        /config\.layers\[3\]\.config\.layer\.config\.units_scale\): Dense has no config field 'units_scale'/,
      ),
    ]);
    model.dispose();
    await expectFailure(
      () => loadModel(text(json), { unknownFields: 'error' }),
      '<bytes>',
      'config.layers[3].config.layer.config.units_scale',
      /Dense has no config field 'units_scale'/,
    );
  });

  it('refuses Lambda layers without running them', async () => {
    const json = clone(keras2Json);
    json.config.layers[2] = {
      class_name: 'Lambda',
      config: { name: 'evil', function: ['4wEAAAAAAAAA', null, null], function_type: 'lambda' },
    };
    await expectFailure(
      () => loadModel(text(json)),
      '<bytes>',
      'config.layers[2]',
      /Lambda layers hold Python code, which Framewise never runs/,
    );
  });

  it('layers that do not connect free the weights built before the failure', async () => {
    const json = clone(keras2Json);
    json.config.layers[3] = {
      class_name: 'Conv2D',
      config: { name: 'c', filters: 2, kernel_size: [3, 3] },
    };
    await expectFailure(() => loadModel(text(json)), '<bytes>', 'config', /Conv2D|rank|shape/i);
  });

  it('oversized weights declared by the topology are refused before allocation, and duplicate names', async () => {
    const json = clone(keras2Json);
    json.config.layers[3].config.layer.config.units = 1_000_000_000;
    await expectFailure(
      () => loadModel(text(json)),
      '<bytes>',
      'config.layers[3].config.layer, weight dense_1/kernel',
      /shape \[6, 1000000000\] exceeds limits\.maxTensorElements/,
    );
    const twice = clone(keras2Json);
    twice.config.layers.push(clone(twice.config.layers[3]));
    await expectFailure(
      () => loadModel(text(twice)),
      '<bytes>',
      'config.layers[4]',
      /layer name 'time_distributed_1' is used twice \(also at config\.layers\[3\]\)/,
    );
  });

  it('a bad value names its layer and JSON path', async () => {
    const json = clone(keras2Json);
    json.config.layers[1].config.layer.config.units = -2;
    await expectFailure(
      () => loadModel(text(json)),
      '<bytes>',
      'config.layers[1].config.layer',
      /\(config\.layers\[1\]\.config\.layer\): Dense 'dense\w*': units must be an integer ≥ 1, received -2$/,
    );
  });
});

describe('damaged containers', () => {
  it('a cut or scribbled HDF5 file and a cut zip give typed errors, not parser crashes', async () => {
    const h5 = new Uint8Array(readFileSync(join(KERAS_LAYOUT, 'keras2-seq.h5')));
    await expectFailure(
      () => loadModel(h5.slice(0, 3000)),
      '<bytes>',
      undefined,
      /not a readable HDF5 file \(unable to (synchronously )?open file\)/,
    );
    const before = tf.memory().numTensors;
    for (let seed = 1; seed <= 5; seed++) {
      const scribbled = h5.slice();
      for (let i = 512 * seed; i < scribbled.length; i += 89 * seed)
        scribbled[i] = (scribbled[i]! * 31 + seed) & 0xff;
      // A scribbled file may still parse: it must then load or fail typed, never crash.
      const result = await loadModel(scribbled, { onWarning: () => undefined }).catch(
        (e: unknown) => e,
      );
      if (result instanceof ModelFileError) expect(result.file).toBe('<bytes>');
      else if (result instanceof Error) throw result;
      else (result as { dispose(): void }).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    const keras = new Uint8Array(readFileSync(join(KERAS_LAYOUT, 'keras3-func.keras')));
    await expectFailure(
      () => loadModel(keras.slice(0, keras.length - 200)),
      '<bytes>',
      undefined,
      /not a readable zip archive/,
    );
  });
});

describe('untrusted input is bounded before allocation', () => {
  it('refuses oversized shapes, shard counts and byte totals from the manifest alone', async () => {
    const big = clone(tfjsJson);
    big.weightsManifest[0].weights[0].shape = [100000, 100000];
    await expectFailure(
      () => loadModel(tfjsFiles(big)),
      'model.json',
      'weightsManifest[0].weights[0].shape',
      /exceeds limits\.maxTensorElements/,
    );
    const many = clone(tfjsJson);
    many.weightsManifest[0].paths = Array.from({ length: 5000 }, (_, i) => `s${i}.bin`);
    await expectFailure(
      () => loadModel(tfjsFiles(many)),
      'model.json',
      'weightsManifest',
      /5000 shards, more than limits\.maxShards \(1000\)/,
    );
    await expectFailure(
      () => loadModel(tfjsFiles(tfjsJson), { limits: { maxWeightBytes: 1000 } }),
      'model.json',
      /weightsManifest\[0\]\.weights\[0\]/,
      /more than limits\.maxWeightBytes \(1000\)/,
    );
    const escape = clone(tfjsJson);
    escape.weightsManifest[0].paths = ['../../etc/passwd'];
    await expectFailure(
      () => loadModel(tfjsFiles(escape)),
      'model.json',
      'weightsManifest[0].paths[0]',
      /must be relative to the model file, without '\.\.'/,
    );
  });

  it('refuses a quantization dtype named like an Object member', async () => {
    const json = clone(tfjsJson);
    json.weightsManifest[0].weights[0].quantization = { dtype: 'toString', scale: 1, min: 0 };
    await expectFailure(
      () => loadModel(tfjsFiles(json)),
      'model.json',
      'weightsManifest[0].weights[0].dtype',
      /unsupported weight dtype toString/,
    );
  });

  it('refuses HDF5 datasets past the limits, and topologies whose weights pass them', async () => {
    const model = await loadModel(join(KERAS_LAYOUT, 'keras2-seq.json'));
    await expectFailure(
      () =>
        loadWeights(model, join(KERAS_LAYOUT, 'keras2-seq.h5'), {
          limits: { maxTensorElements: 100 },
        }),
      /keras2-seq\.h5$/,
      '/model_weights/lstm/lstm/lstm_cell/kernel:0',
      /exceeds limits\.maxTensorElements \(100\)/,
    );
    model.dispose();
    await expectFailure(
      () => loadModel(join(KERAS_LAYOUT, 'keras2-seq.h5'), { limits: { maxTensorElements: 100 } }),
      /keras2-seq\.h5$/,
      'model_config: config.layers[2], weight lstm/kernel',
      /exceeds limits\.maxTensorElements \(100\)/,
    );
  });

  it('stops a decompression bomb: by declared size, and by counting real bytes when sizes lie', async () => {
    const keras = new Uint8Array(readFileSync(join(KERAS_LAYOUT, 'keras3-func.keras')));
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zipSync({ 'config.json': zeros, 'model.weights.h5': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expectFailure(
      () => loadModel(bomb, { limits: { maxUncompressedBytes: 12 * 1024 * 1024 } }),
      '<bytes>',
      'zip entry model.weights.h5',
      /declare \d+ bytes uncompressed, more than limits\.maxUncompressedBytes/,
    );
    // Lie in the central directory and the local headers alike: declare tiny sizes, so only
    // counting inflated bytes catches it, at the declared size.
    const liar = bomb.slice();
    const view = new DataView(liar.buffer);
    for (let i = 0; i < liar.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 10, true);
      if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 10, true);
    }
    await expectFailure(
      () => loadModel(liar, { limits: { maxUncompressedBytes: 2 * 1024 * 1024 } }),
      '<bytes>',
      'zip entry config.json',
      /inflates past the 10 bytes its directory entry declares; stopped/,
    );
    expect(keras.length).toBeGreaterThan(0);
  });

  it('refuses zip entries that escape (zip-slip) and archives with too many entries', async () => {
    const ok = readFileSync(join(KERAS_LAYOUT, 'keras3-func.keras'));
    void ok;
    const slip = zipSync({ 'config.json': text('{}'), '../evil.sh': text('rm -rf /') });
    await expectFailure(
      () => loadModel(slip),
      '<bytes>',
      'zip entry "../evil.sh"',
      /points outside the archive/,
    );
    const absolute = zipSync({ '/etc/cron.d/x': text('x') });
    await expectFailure(
      () => loadModel(absolute),
      '<bytes>',
      'zip entry "/etc/cron.d/x"',
      /points outside the archive/,
    );
    const entries: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) entries[`f${i}`] = text('x');
    await expectFailure(
      () => loadModel(zipSync(entries), { limits: { maxZipEntries: 10 } }),
      '<bytes>',
      undefined,
      /more than limits\.maxZipEntries \(10\) zip entries/,
    );
  });
});
