import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { accelerateTimeDistributed } from '@framewise/tfjs-layers';
import { fileHandler, MODEL_JSON, predictBeforeAndAfter } from './speedup.js';

describe('speeding up a tfjs-layers model.json', () => {
  it('predicts what tfjs-layers predicts, to 1e-6', async () => {
    const frames = tf.randomUniform([2, 8, 12, 12, 1], 0, 1, 'float32', 11);
    const { before, after, handle } = await predictBeforeAndAfter(frames);
    handle.undo();
    expect(after.shape).toEqual([2, 8, 3]);
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(before, after))).dataSync()[0]);
    expect(gap).toBeLessThan(1e-6);
    tf.dispose([frames, before, after]);
  });

  it('calls the per-frame Dense once for all frames', async () => {
    const model = await tfl.loadLayersModel(await fileHandler(MODEL_JSON));
    const td = model.getLayer('frames_classes') as unknown as { layer: tfl.layers.Layer };
    const handle = accelerateTimeDistributed(tfl);
    const spy = jest.spyOn(td.layer, 'call');
    const frames = tf.zeros([1, 8, 12, 12, 1]);
    tf.dispose(model.predict(frames));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    handle.undo();
    frames.dispose();
    model.dispose();
  });
});
