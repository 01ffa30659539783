import * as tf from '@tensorflow/tfjs-core';
import {
  DisposedError,
  input,
  model,
  resetNames,
  sequential,
  timeDistributed,
  type Model,
} from '@framewise/core';
import { batchNormalization, dense, lstm } from '@framewise/layers';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, ModelFileError, saveModel, saveWeights } from '../index.js';
import { loadInTfjsLayers } from './testing/fixtures.test-helpers.js';

let dir: string;
beforeEach(() => {
  resetNames();
  dir = mkdtempSync(join(tmpdir(), 'framewise-io-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A functional model with a wrapper, a recurrent layer and non-trainable weights. */
function functional(): Model {
  const x = input({ shape: [5, 3] });
  let y = timeDistributed(dense({ units: 4, activation: 'relu' })).apply(x);
  y = lstm({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid' }).apply(y);
  y = batchNormalization({}).apply(y);
  y = timeDistributed(dense({ units: 2, activation: 'softmax' })).apply(y);
  const m = model({ inputs: x, outputs: y });
  // Non-default moving statistics, so a lost non-trainable weight would show.
  const bn = m.layers[3]!;
  // Seeded, and a variance kept positive: a negative one made the outputs NaN now and then.
  bn.setWeights(
    bn.getWeights().map((w, i) =>
      tf.tidy(() => {
        const r = tf.randomNormal(w.shape, 0, 1, 'float32', 17 + i);
        return i === 3 ? tf.add(tf.abs(r), 0.5) : r;
      }),
    ),
  );
  return m;
}

function stacked(): Model {
  return sequential({
    layers: [
      timeDistributed(dense({ units: 4 }), { inputShape: [5, 3] }),
      dense({ units: 2, activation: 'sigmoid' }),
    ],
  });
}

const x = (): tf.Tensor => tf.randomNormal([2, 5, 3], 0, 1, 'float32', 7);

describe.each([
  ['keras-json', 'model.json'],
  ['tfjs', 'tfjs-model'],
  ['keras', 'model.keras'],
] as const)('saveModel format %s', (format, target) => {
  it.each([
    ['functional', functional],
    ['sequential', stacked],
  ])(
    'saves a %s model that loads back predicting the same numbers bit for bit',
    async (_, make) => {
      const original = make();
      const written = await saveModel(original, join(dir, target), { format });
      written.forEach((f) => expect(existsSync(f)).toBe(true));
      expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
      const before = tf.memory().numTensors;
      const loaded = await loadModel(written[written.length - 1]!, {
        ...(format === 'keras-json' ? { weights: written[0]! } : {}),
        onWarning: (m) => {
          throw new Error(m);
        },
      });
      const input = x();
      const [a, b] = [original.predict(input) as tf.Tensor, loaded.predict(input) as tf.Tensor];
      expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
      expect(loaded.toJSON().config).toEqual(original.toJSON().config);
      tf.dispose([input, a, b]);
      loaded.dispose();
      expect(tf.memory().numTensors).toBe(before);
      original.dispose();
    },
  );
});

describe('tfjs files in tfjs-layers', () => {
  it("load in @tensorflow/tfjs-layers' loadLayersModel and predict the same numbers", async () => {
    const original = functional();
    const written = await saveModel(original, join(dir, 'web'), {
      format: 'tfjs',
      shardBytes: 256,
    });
    const json = JSON.parse(readFileSync(join(dir, 'web/model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths.length).toBeGreaterThan(1);
    const reference = await loadInTfjsLayers(join(dir, 'web'));
    const input = x();
    const [a, b] = [original.predict(input) as tf.Tensor, reference.predict(input) as tf.Tensor];
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
    expect(diff).toBeLessThanOrEqual(1e-6);
    expect(written).toContain(join(dir, 'web/model.json'));
    tf.dispose([input, a, b]);
    reference.dispose();
    original.dispose();
  });
});

describe('writing never leaves a half-written file', () => {
  it('leaves nothing behind when a write fails, and the old file intact', async () => {
    const m = stacked();
    const target = join(dir, 'model.json');
    writeFileSync(target, 'old');
    // The weights file's place is taken by a directory: the second file cannot be renamed into it.
    const blocked = join(dir, 'model_weights.h5');
    rmSync(blocked, { force: true });
    mkdirSync(join(blocked, 'inside'), { recursive: true });
    await expect(saveModel(m, target, { format: 'keras-json' })).rejects.toThrow(ModelFileError);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['model.json', 'model_weights.h5']);
    await expect(saveWeights(m, join(dir, 'missing-dir/w.h5'))).rejects.toThrow(
      /missing-dir\/w\.h5: cannot write .*no file was replaced: .*missing-dir\/w\.h5 was not created/,
    );
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false);
    m.dispose();
  });

  it('refuses an unknown format and a Keras 2 hard_sigmoid in a .keras file, writing nothing', async () => {
    const m = stacked();
    await expect(saveModel(m, join(dir, 'x'), { format: 'onnx' as never })).rejects.toThrow(
      /save format must be one of keras-json, tfjs, keras/,
    );
    const x2 = input({ shape: [3] });
    const hard = model({
      inputs: x2,
      outputs: dense({ units: 2, activation: 'hardSigmoid' }).apply(x2),
    });
    await expect(saveModel(hard, join(dir, 'h.keras'), { format: 'keras' })).rejects.toThrow(
      /Keras 2's hard_sigmoid/,
    );
    expect(readdirSync(dir)).toEqual([]);
    m.dispose();
    hard.dispose();
  });
});

describe('a disposed model', () => {
  it.each([
    ['keras-json', 'model.json'],
    ['tfjs', 'web'],
    ['keras', 'model.keras'],
  ] as const)(
    'is refused by save (%s) and saveWeights, leaving the files as they were',
    async (format, name) => {
      const m = stacked();
      const target = join(dir, name);
      await m.save(target, { format });
      await m.saveWeights(join(dir, 'w.h5'));
      const snapshot = (): Record<string, string> =>
        Object.fromEntries(
          readdirSync(dir, { recursive: true })
            .map(String)
            .filter((f) => !f.endsWith('web'))
            .map((f) => [f, readFileSync(join(dir, f)).toString('base64')]),
        );
      const before = snapshot();
      m.dispose();
      await expect(m.save(target, { format })).rejects.toThrow(DisposedError);
      await expect(saveModel(m, target, { format })).rejects.toThrow(
        /saveModel\(\) on a disposed model/,
      );
      await expect(m.saveWeights(join(dir, 'w.h5'))).rejects.toThrow(DisposedError);
      await expect(saveWeights(m, join(dir, 'w.h5'))).rejects.toThrow(
        /saveWeights\(\) on a disposed model/,
      );
      await expect(m.loadWeights(join(dir, 'w.h5'))).rejects.toThrow(DisposedError);
      expect(snapshot()).toEqual(before);
    },
  );
});
