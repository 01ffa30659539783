import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { resetNames } from '@framewise/core';
import { join } from 'node:path';
import { loadModel } from '../../index.js';
import { FIXTURES, loadInTfjsLayers, maxAbsDiff } from '../testing/fixtures.test-helpers.js';

// Files written by Framewise (tools/write-framewise-fixtures.ts) and committed: they must keep
// loading in later versions, and the tfjs copy is read by tfjs-layers itself as the reference.
const dir = join(FIXTURES, 'framewise');
const strict = {
  onWarning: (m: string) => {
    throw new Error(m);
  },
};

beforeEach(() => resetNames());

it('committed Framewise files in every format load and agree with tfjs-layers reading the tfjs copy', async () => {
  const reference = await loadInTfjsLayers(join(dir, 'td-conv-gru-tfjs'));
  const x = tf.randomNormal([2, 3, 6, 6, 2], 0, 1, 'float32', 3);
  const expected = reference.predict(x) as tf.Tensor;
  const before = tf.memory().numTensors;
  for (const load of [
    () => loadModel(join(dir, 'td-conv-gru-tfjs/model.json'), strict),
    () => loadModel(join(dir, 'td-conv-gru.keras'), strict),
    () =>
      loadModel(join(dir, 'td-conv-gru.json'), {
        ...strict,
        weights: join(dir, 'td-conv-gru_weights.h5'),
      }),
  ]) {
    const model = await load();
    const y = model.predict(x) as tf.Tensor;
    expect(maxAbsDiff(y, expected)).toBeLessThanOrEqual(1e-5);
    y.dispose();
    model.dispose();
  }
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, expected]);
  reference.dispose();
});
