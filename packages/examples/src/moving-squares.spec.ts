import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, resetNames } from '@framewise/core';
import {
  movingSquares,
  movingSquaresClassifier,
  MOVING_SQUARES_CLASSES,
} from './moving-squares.js';

/** Centre (row, col) of the lit pixels of one frame. */
function centre(frame: number[][]): [number, number] {
  let r = 0;
  let c = 0;
  let n = 0;
  frame.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v > 0) {
        r += i;
        c += j;
        n++;
      }
    }),
  );
  return [r / n, c / n];
}

describe('moving squares data', () => {
  it('moves a square one pixel per frame in the labelled direction', () => {
    const { x, y } = movingSquares({ samples: 8, frames: 10, size: 16, square: 3, seed: 5 });
    expect(x.shape).toEqual([8, 10, 16, 16, 1]);
    const clips = tf.squeeze(x, [4]).arraySync() as number[][][][];
    const labels = Array.from(y.dataSync());
    expect(labels).toEqual([0, 1, 2, 3, 0, 1, 2, 3]);
    const step: Record<string, [number, number]> = {
      left: [0, -1],
      right: [0, 1],
      up: [-1, 0],
      down: [1, 0],
    };
    clips.forEach((clip, s) => {
      const expected = step[MOVING_SQUARES_CLASSES[labels[s]!]!]!;
      for (let f = 1; f < clip.length; f++) {
        expect(clip[f]!.flat().filter((v) => v > 0)).toHaveLength(9);
        const [r0, c0] = centre(clip[f - 1]!);
        const [r1, c1] = centre(clip[f]!);
        expect([r1 - r0, c1 - c0]).toEqual(expected);
      }
    });
    tf.dispose([x, y]);
  });

  it('repeats with a seed and changes with another', () => {
    const a = movingSquares({ samples: 12, seed: 3 });
    const b = movingSquares({ samples: 12, seed: 3 });
    const c = movingSquares({ samples: 12, seed: 4 });
    expect(Array.from(a.x.dataSync())).toEqual(Array.from(b.x.dataSync()));
    expect(Array.from(a.x.dataSync())).not.toEqual(Array.from(c.x.dataSync()));
    tf.dispose([a.x, a.y, b.x, b.y, c.x, c.y]);
  });

  it('refuses frames too small for the path', () => {
    expect(() => movingSquares({ frames: 16, size: 16, square: 3 })).toThrow(ConfigError);
    expect(() => movingSquares({ frames: 16, size: 16, square: 3 })).toThrow(
      /at least 18 pixels, size is 16/,
    );
    expect(() => movingSquares({ samples: 0 })).toThrow(/samples must be an integer >= 1/);
  });
});

describe('moving squares classifier', () => {
  it('is TD(conv2d) → TD(maxPooling2d) → TD(flatten) → lstm → dense on clips of any length', () => {
    resetNames();
    const m = movingSquaresClassifier();
    expect(m.layers.map((l) => l.className)).toEqual([
      'InputLayer',
      'TimeDistributed',
      'TimeDistributed',
      'TimeDistributed',
      'LSTM',
      'Dense',
    ]);
    expect(m.inputs[0]!.shape).toEqual([null, null, 16, 16, 1]);
    expect(m.outputs[0]!.shape).toEqual([null, 4]);
    const clips = tf.zeros([2, 12, 16, 16, 1]);
    const p = m.predict(clips) as tf.Tensor;
    expect(p.shape).toEqual([2, 4]);
    tf.dispose([clips, p]);
  });

  it('starts from the same weights for the same seed', () => {
    resetNames();
    const a = movingSquaresClassifier({ seed: 2 })
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    const b = movingSquaresClassifier({ seed: 2 })
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    expect(a).toEqual(b);
  });
});
