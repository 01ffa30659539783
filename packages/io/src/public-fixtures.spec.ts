import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Model } from '@framewise/core';
import '@framewise/layers';
import { loadModel, ModelFileError } from './index.js';

// Real files from public repositories (see each folder's SOURCE). Every expected number
// below is worked out by hand from the file's config, not taken from Framewise's output.
const PUBLIC = join(__dirname, '../fixtures/public');
const file = (name: string) => join(PUBLIC, name);
const text = (name: string) => readFileSync(file(name), 'utf8');
const warnings: string[] = [];
const quiet = { onWarning: (m: string) => void warnings.push(m) };

const lstmParams = (input: number, units: number) => 4 * (input * units + units * units + units);
const denseParams = (input: number, units: number) => input * units + units;
const convParams = (kh: number, kw: number, cin: number, filters: number) =>
  kh * kw * cin * filters + filters;

function classes(m: Model): string[] {
  return m.layers.map((l) => (l.constructor as { className?: string }).className ?? '?');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  warnings.length = 0;
});

describe('public fixtures: Keras 1 to_json (keras-js demos, MIT)', () => {
  it('loads the IMDB Bidirectional(LSTM) classifier with Keras 1 field names mapped', async () => {
    const before = tf.memory().numTensors;
    const m = await loadModel(
      file('keras1-imdb-bidirectional-lstm/imdb_bidirectional_lstm.json'),
      quiet,
    );
    // Embedding(20000, 64), Bidirectional(LSTM(32)) on 64 features, Dropout, Dense(1) on 64.
    expect(m.countParams()).toBe(20000 * 64 + 2 * lstmParams(64, 32) + denseParams(64, 1));
    expect(m.countParams()).toBe(1_304_897);
    expect(classes(m)).toEqual(
      expect.arrayContaining(['Embedding', 'Bidirectional', 'Dropout', 'Dense']),
    );
    expect(m.outputs[0]!.shape).toEqual([null, 1]);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads the MNIST CNN written with Convolution2D, nb_filter, nb_row, border_mode', async () => {
    const m = await loadModel(file('keras1-mnist-cnn/mnist_cnn.json'), quiet);
    // 28×28×1 → conv 3×3 valid → 26 → conv 3×3 valid → 24 → pool 2 → 12×12×32 = 4608.
    const expected =
      convParams(3, 3, 1, 32) +
      convParams(3, 3, 32, 32) +
      denseParams(4608, 128) +
      denseParams(128, 10);
    expect(m.countParams()).toBe(expected);
    expect(m.countParams()).toBe(600_810);
    expect(m.outputs[0]!.shape).toEqual([null, 10]);
    m.dispose();
  });

  it('loads the functional VAE decoder, Deconvolution2D as Conv2DTranspose', async () => {
    const m = await loadModel(file('keras1-mnist-vae-decoder/mnist_vae.json'), quiet);
    // Dense 2→128, Dense 128→12544, Deconv 3×3 64→64 twice, Deconv 2×2 64→64, Conv 2×2 64→1.
    const expected =
      denseParams(2, 128) +
      denseParams(128, 12544) +
      2 * convParams(3, 3, 64, 64) +
      convParams(2, 2, 64, 64) +
      convParams(2, 2, 64, 1);
    expect(m.countParams()).toBe(expected);
    expect(classes(m).filter((c) => c === 'Conv2DTranspose')).toHaveLength(3);
    // 14 → 14 → 14 → (14 - 1)·2 + 2 = 28 → 2×2 valid conv → 27.
    expect(m.outputs[0]!.shape).toEqual([null, 27, 27, 1]);
    // Keras 1's output_shape argument has no Keras 2 counterpart: each one is reported.
    expect(warnings.filter((w) => /output_shape/.test(w))).toHaveLength(3);
    m.dispose();
  });
});

describe('public fixtures: Keras 2.3.1 to_json with TimeDistributed', () => {
  it('loads the Bidirectional(LSTM) → TimeDistributed(Dense) tagger on sequences of any length', async () => {
    // The file as published, Orthogonal recurrent initializers (a 1024×256 QR per direction) included.
    const json = text('keras231-bilstm-pos-tagger/model.json');
    expect(json).toMatch(/Orthogonal/);
    const m = await loadModel(new TextEncoder().encode(json), quiet);
    const td = m.getLayer('time_distributed_1');
    // TimeDistributed(Dense(27)) on the 2×256 concatenated LSTM states: its weights, shared.
    expect(td.countParams()).toBe(denseParams(512, 27));
    expect(m.countParams()).toBe(47238 * 128 + 2 * lstmParams(128, 256) + denseParams(512, 27));
    expect(m.countParams()).toBe(6_848_795);
    expect(m.outputs[0]!.shape).toEqual([null, null, 27]);
    const y = tf.tidy(() => m.predict(tf.tensor([[1, 5, 9]], [1, 3], 'int32')) as tf.Tensor);
    expect(y.shape).toEqual([1, 3, 27]);
    // The softmax over 27 tags sums to 1 at every step.
    tf.tidy(() => tf.sum(y, -1).dataSync()).forEach((s) => expect(s).toBeCloseTo(1, 5));
    y.dispose();
    m.dispose();
  });
});

describe('public fixtures: TensorFlow.js model.json without their binary shards', () => {
  const abalone = 'tfjs-layers-abalone/model.json';

  it('names the missing shard of a tfjs-layers 1.2.9 model', async () => {
    const error = await loadModel(file(abalone), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/weights\.bin/);
  });

  it('loads its topology with a shard of the size the manifest implies, predicting what tfjs-layers predicts', async () => {
    const json = JSON.parse(text(abalone)) as {
      modelTopology: tf.io.ModelJSON['modelTopology'];
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
    };
    // Dense 8→50, 50→50, 50→1: 3051 float32. Values are ours; the layout is the file's.
    const count = denseParams(8, 50) + denseParams(50, 50) + denseParams(50, 1);
    const weights = Float32Array.from({ length: count }, (_, i) => Math.sin(i) / 4);
    const files = [
      new File([readFileSync(file(abalone))], 'model.json'),
      new File([weights], 'weights.bin'),
    ];
    const m = await loadModel(files, quiet);
    expect(m.countParams()).toBe(3051);
    const ref = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0]!.weights,
        weightData: weights.buffer,
      }),
    );
    const x = tf.tensor(
      Array.from({ length: 4 * 8 }, (_, i) => Math.cos(i)),
      [4, 8],
    );
    const ours = m.predict(x) as tf.Tensor;
    const theirs = ref.predict(x) as tf.Tensor;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]!);
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([x, ours, theirs]);
    ref.dispose();
    m.dispose();
  });

  const vgg = 'converter-vgg16-transfer/model.json';

  it('names a missing shard of a converter (v3.19.0) model with 64 shards', async () => {
    const error = await loadModel(file(vgg), quiet).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as Error).message).toMatch(/group1-shard\d+of64\.bin/);
  });

  it('loads the converter topology (VGG16 base frozen + 3 Dense) with its trainable flags', async () => {
    const { modelTopology } = JSON.parse(text(vgg)) as {
      modelTopology: { keras_version: string; backend: string; model_config: object };
    };
    // What Keras' to_json() would have written for the same model: the model_config plus versions.
    const topology = {
      ...modelTopology.model_config,
      keras_version: modelTopology.keras_version,
      backend: modelTopology.backend,
    };
    const m = await loadModel(new TextEncoder().encode(JSON.stringify(topology)), quiet);
    const blocks: [number, number][] = [
      [64, 2],
      [128, 2],
      [256, 3],
      [512, 3],
      [512, 3],
    ];
    let cin = 3;
    let frozen = 0;
    for (const [filters, n] of blocks) {
      for (let i = 0; i < n; i++) {
        frozen += convParams(3, 3, cin, filters);
        cin = filters;
      }
    }
    // 224 / 2^5 = 7: Flatten gives 7×7×512 = 25088.
    const head = denseParams(25088, 2048) + denseParams(2048, 256) + denseParams(256, 8);
    expect(frozen).toBe(14_714_688); // VGG16's published convolutional-base size
    expect(m.countParams()).toBe(frozen + head);
    const trainable = m.trainableWeights.reduce((a, w) => a + w.size, 0);
    expect(trainable).toBe(head);
    expect(m.outputs[0]!.shape).toEqual([null, 8]);
    m.dispose();
  });
});
