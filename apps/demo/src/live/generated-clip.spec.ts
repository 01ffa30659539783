import * as tf from '@tensorflow/tfjs-core';
import { GeneratedClip } from './generated-clip.js';

describe('GeneratedClip', () => {
  it('plays clips of a 3×3 square one frame at a time, each frame with its clip’s direction, looping', () => {
    const before = tf.memory().numTensors;
    const clip = new GeneratedClip(16, 8, 4);
    expect(tf.memory().numTensors).toBe(before);
    const frames = Array.from({ length: 40 }, () => clip.read());
    expect(frames.map((f) => f.truth)).toEqual([
      ...['left', 'right', 'up', 'down'].flatMap((d) => Array<string>(8).fill(d)),
      ...Array<string>(8).fill('left'),
    ]);
    for (const f of frames) {
      expect(f.pixels).toHaveLength(256);
      expect(f.pixels.reduce((a, b) => a + b, 0)).toBe(9);
    }
    // After the four clips, the first comes again, frame for frame.
    expect(Array.from(frames[32]?.pixels ?? [])).toEqual(Array.from(frames[0]?.pixels ?? []));
    // The square moves one pixel per frame within a clip.
    const column = (p: Float32Array) => p.findIndex((v) => v === 1) % 16;
    expect(
      column(frames[1]?.pixels ?? new Float32Array()) -
        column(frames[0]?.pixels ?? new Float32Array()),
    ).toBe(-1);
  });
});
