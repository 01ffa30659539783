import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, ShapeError, type SymbolicTensor } from '@framewise/core';
import { bidirectional } from '../../bidirectional/bidirectional.js';
import { convLstm1d } from '../../conv-lstm1d/conv-lstm1d.js';
import { convLstm2d } from '../../conv-lstm2d/conv-lstm2d.js';
import { dense } from '../../dense/dense.js';
import { lstm } from '../../lstm/lstm.js';
import { masking } from '../../masking/masking.js';
import { maxAbsDiff } from '../../testing/reference.test-helpers.js';
import { asList } from '../../testing/recurrent.test-helpers.js';
import '../../index.js';

// Masking after a layer that keeps the frame axes (Dense on [batch, time, w, channels])
// gives a recurrent layer a mask with the frame's axes too. A step is skipped only when its
// whole frame is masked: `any` over the frame axes, as Keras 2's TimeDistributed reduces
// such masks.

beforeEach(() => resetNames());

const [BATCH, TIME] = [2, 4];

/**
 * A `[2, 4, ...frame]` mask: sample 0 has step 1 wholly masked and step 2 masked at one
 * position only; sample 1 has step 3 wholly masked. As steps: only (0, 1) and (1, 3) are off.
 */
function frameMask(frame: number[]): { frames: tf.Tensor; steps: tf.Tensor2D } {
  const size = frame.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: BATCH * TIME * size }, (_, i) => {
    const [b, t, p] = [Math.floor(i / (TIME * size)), Math.floor(i / size) % TIME, i % size];
    if (b === 0 && t === 1) return false;
    if (b === 0 && t === 2) return p !== 0;
    return !(b === 1 && t === 3);
  });
  const steps = tf.tensor2d(
    [
      [true, false, true, true],
      [true, true, true, false],
    ],
    [BATCH, TIME],
    'bool',
  );
  return { frames: tf.tensor(values, [BATCH, TIME, ...frame], 'bool'), steps };
}

describe('recurrent layers under a mask with frame axes', () => {
  it.each([
    // [title, input frame, mask frame, layer]
    [
      'ConvLSTM2D',
      [5, 6, 2],
      [5, 6],
      () => convLstm2d({ filters: 2, kernelSize: 3, returnSequences: true, returnState: true }),
    ],
    [
      'ConvLSTM1D backwards',
      [5, 2],
      [5],
      () => convLstm1d({ filters: 2, kernelSize: 2, returnSequences: true, goBackwards: true }),
    ],
    [
      'Bidirectional(ConvLSTM2D)',
      [4, 4, 2],
      [4, 4],
      () =>
        bidirectional({ layer: convLstm2d({ filters: 2, kernelSize: 2, returnSequences: true }) }),
    ],
    ['LSTM (a mask per feature)', [3], [3], () => lstm({ units: 2, returnSequences: true })],
  ])('%s skips a step only where its whole frame is masked', (_, frame, maskFrame, make) => {
    const layer = make();
    const x = tf.randomNormal([BATCH, TIME, ...frame], 0, 1, 'float32', 4);
    const { frames, steps } = frameMask(maskFrame);
    // Equal to the [batch, time] mask, under which step (0, 2), partly masked, runs.
    const byFrames = asList(layer.apply(x, { mask: frames }));
    const bySteps = asList(layer.apply(x, { mask: steps }));
    expect(byFrames).toHaveLength(bySteps.length);
    byFrames.forEach((y, i) => expect(maxAbsDiff(y, bySteps[i] as tf.Tensor)).toBe(0));
    // The sequence output carries the [batch, time] mask on.
    const passed = asList(layer.computeMask(x, frames) as tf.Tensor | tf.Tensor[]);
    expect(passed[0]?.shape).toEqual([BATCH, TIME]);
    expect(passed[0]?.arraySync()).toEqual(steps.arraySync());
  });

  it('trains behind Dense and Masking on [batch, time, width, channels], as the fit step does', async () => {
    const x = input({ batchShape: [BATCH, TIME, 5, 2] });
    const h = masking({ maskValue: 0 }).apply(
      dense({ units: 2, useBias: false }).apply(x) as SymbolicTensor,
    ) as SymbolicTensor;
    const m = model({ inputs: x, outputs: convLstm1d({ filters: 2, kernelSize: 2 }).apply(h) });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    // Sample 0's step 1 and sample 1's step 3 are zeros at every position: skipped.
    const values = tf.tidy(() => {
      const keep = tf.cast(tf.reshape(frameMask([]).steps, [BATCH, TIME, 1, 1]), 'float32');
      return tf.mul(tf.randomNormal([BATCH, TIME, 5, 2], 0, 1, 'float32', 2), keep);
    });
    const target = tf.zeros([BATCH, 4, 2]);
    const history = await m.fit(values, target, { epochs: 1, verbose: 0 });
    expect(Number.isFinite(history.history['loss']?.[0])).toBe(true);
    tf.dispose([values, target]);
    m.dispose();
  });

  it('refuses a mask whose leading axes are not [batch, time]', () => {
    const layer = convLstm2d({ filters: 2, kernelSize: 2 });
    const x = tf.zeros([BATCH, TIME, 3, 3, 1]);
    expect(() => layer.apply(x, { mask: tf.ones([BATCH, TIME + 1, 3, 3], 'bool') })).toThrow(
      ShapeError,
    );
    expect(() => layer.apply(x, { mask: tf.ones([BATCH, TIME + 1, 3, 3], 'bool') })).toThrow(
      /expected a mask of shape \(2, 4\) \[batch, time\].*received \(2, 5, 3, 3\)/,
    );
  });
});
