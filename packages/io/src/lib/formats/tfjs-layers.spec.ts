import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../index.js';
import { SHARED } from '../testing/fixtures.test-helpers.js';

const fixture = join(SHARED, 'tfjs-layers-td-lstm');

describe('tfjs layers model.json', () => {
  it('loads the real tfjs-layers 1.1 TD(LSTM) fixture and reproduces its recorded outputs', async () => {
    const before = tf.memory().numTensors;
    const model = await loadModel(join(fixture, 'model.json'));
    const reference = JSON.parse(readFileSync(join(fixture, 'reference.json'), 'utf8'));
    const x = tf.tensor(reference.input.data, reference.input.shape);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual(reference.output.shape);
    const got = Array.from(y.dataSync());
    got.forEach((v, i) =>
      expect(Math.abs(v - reference.output.data[i])).toBeLessThanOrEqual(reference.tolerance),
    );
    expect(model.countParams()).toBe(reference.params);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
