import * as tf from '@tensorflow/tfjs-core';
import { resetNames, type Model } from '@framewise/core';
import { loadModel, saveModel } from '@framewise/io';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mobileNetVideoClassifier } from './model.js';

const clip = (frames: number, seed: number): tf.Tensor5D =>
  tf.randomUniform([2, frames, 96, 96, 3], 0, 255, 'float32', seed);

let dir: string;
beforeEach(() => {
  resetNames();
  dir = mkdtempSync(join(tmpdir(), 'mobilenet-frame-encoder-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const disposeModel = (m: Model): void => tf.dispose(m.getWeights());

describe('MobileNetV2 as a frame encoder: TimeDistributed backbone, then an LSTM', () => {
  it('takes clips of any length with one set of backbone weights', () => {
    const m = mobileNetVideoClassifier();
    try {
      expect(m.inputs[0]?.shape).toEqual([null, null, 96, 96, 3]);
      // MobileNetV2 alpha 0.35 without top: 410,208 (Keras' count); LSTM 1280→16: 4·16·(1280+16+1)
      // = 83,008; Dense 16→5: 85.
      expect(m.countParams()).toBe(410_208 + 83_008 + 85);
      for (const frames of [1, 3]) {
        const x = clip(frames, frames);
        const before = tf.memory().numTensors;
        const y = m.predict(x) as tf.Tensor;
        expect(y.shape).toEqual([2, 5]);
        expect(tf.memory().numTensors).toBe(before + 1);
        tf.dispose([x, y]);
      }
    } finally {
      disposeModel(m);
    }
  });

  it('saves as a .keras file and loads back predicting the same numbers', async () => {
    const m = mobileNetVideoClassifier();
    const file = join(dir, 'mobilenet_video_classifier.keras');
    const x = clip(2, 7);
    try {
      await saveModel(m, file, { format: 'keras' });
      const back = await loadModel(file);
      try {
        expect(back.countParams()).toBe(m.countParams());
        const a = m.predict(x) as tf.Tensor;
        const b = back.predict(x) as tf.Tensor;
        expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBe(0);
        tf.dispose([a, b]);
      } finally {
        disposeModel(back);
      }
    } finally {
      x.dispose();
      disposeModel(m);
    }
  });
});
