import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, ModelFileError } from '../../index.js';

const fixture = '/work/shared/fixtures/tfjs-layers-td-lstm';

describe('tfjs layers model.json', () => {
  it('loads the real tfjs-layers 1.1 TD(LSTM) fixture and reproduces its recorded outputs', async () => {
    const before = tf.memory().numTensors;
    const model = await loadModel(join(fixture, 'model.json'));
    const reference = JSON.parse(readFileSync(join(fixture, 'reference.json'), 'utf8'));
    const y = model.predict(tf.tensor(reference.input.data, reference.input.shape)) as tf.Tensor;
    expect(y.shape).toEqual(reference.output.shape);
    const got = Array.from(y.dataSync());
    got.forEach((v, i) =>
      expect(Math.abs(v - reference.output.data[i])).toBeLessThanOrEqual(reference.tolerance),
    );
    expect(model.countParams()).toBe(reference.params);
    y.dispose();
    model.dispose();
    tf.dispose();
    expect(tf.memory().numTensors).toBe(before + 1);
  });
});
void ModelFileError;
