import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { resetNames, type Model } from '@framewise/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, loadModel, loadWeights } from '../../index.js';
import {
  fixtureValues,
  KERAS_LAYOUT,
  maxAbsDiff,
  referenceOutput,
  SHARED,
} from '../testing/fixtures.test-helpers.js';

const file = (name: string): string => join(KERAS_LAYOUT, name);

async function expectMatches(load: () => Promise<Model>, flavour: 2 | 3): Promise<void> {
  const before = tf.memory().numTensors;
  const model = await load();
  const x = tf.tensor(fixtureValues().input);
  const y = model.predict(x) as tf.Tensor;
  const reference = referenceOutput(flavour);
  expect(maxAbsDiff(y, reference)).toBeLessThanOrEqual(1e-5);
  tf.dispose([x, y, reference]);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

beforeEach(() => resetNames());

describe('Keras-layout files (written by tools/make-keras-layout-fixtures.py), against tfjs-layers', () => {
  const quiet = {
    onWarning: (m: string) => {
      throw new Error(`unexpected warning: ${m}`);
    },
  };

  it('reads a Keras 2 legacy .h5 full model (Keras 2 hard_sigmoid, weights under the wrapper names)', async () => {
    await expectMatches(() => loadModel(file('keras2-seq.h5'), quiet), 2);
  });

  it('reads Keras 2 to_json plus a save_weights .h5, through loadModel({weights}) and model.loadWeights', async () => {
    await expectMatches(
      () =>
        loadModel(file('keras2-seq.json'), { ...quiet, weights: file('keras2-seq_weights.h5') }),
      2,
    );
    await expectMatches(async () => {
      const model = await loadModel(file('keras2-seq.json'), quiet);
      await model.loadWeights(file('keras2-seq_weights.h5'));
      return model;
    }, 2);
  });

  it('reads a Keras 3 .keras zip (Keras 3 hard_sigmoid = relu6(x + 3) / 6, layers/<class>/layer/vars paths)', async () => {
    await expectMatches(() => loadModel(file('keras3-func.keras'), quiet), 3);
  });

  it("reads Keras 3's legacy .h5 writer output", async () => {
    await expectMatches(() => loadModel(file('keras3-func.h5'), quiet), 3);
  });

  it('reads Keras 3 to_json plus a .weights.h5, from bytes and from File objects', async () => {
    const json = readFileSync(file('keras3-func.json'));
    const weights = readFileSync(file('keras3-func.weights.h5'));
    await expectMatches(
      () => loadModel(new Uint8Array(json), { ...quiet, weights: new Uint8Array(weights) }),
      3,
    );
    await expectMatches(async () => {
      const model = await loadModel([new File([json], 'keras3-func.json')], quiet);
      await loadWeights(model, new File([weights], 'keras3-func.weights.h5'));
      return model;
    }, 3);
  });

  it('detects each format by content, whatever the name says', async () => {
    const bytes = (name: string): Uint8Array<ArrayBuffer> =>
      new Uint8Array(readFileSync(file(name)));
    expect(await detectFormat(bytes('keras3-func.keras'))).toBe('keras');
    expect(await detectFormat(bytes('keras2-seq.h5'))).toBe('legacy-h5');
    expect(await detectFormat(bytes('keras2-seq_weights.h5'))).toBe('weights-h5');
    expect(await detectFormat(bytes('keras3-func.weights.h5'))).toBe('weights-h5');
    expect(await detectFormat(bytes('keras2-seq.json'))).toBe('keras-json');
    expect(await detectFormat(new File([bytes('keras2-seq.h5')], 'misnamed.json'))).toBe(
      'legacy-h5',
    );
    expect(await detectFormat(join(SHARED, 'tfjs-layers-td-lstm/model.json'))).toBe('tfjs');
  });
});
