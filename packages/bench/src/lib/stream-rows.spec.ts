import * as tf from '@tensorflow/tfjs-core';
import { resetNames } from '@framewise/core';
import { runStreamRow, selectStreamRows, STREAM_ROWS } from './stream-rows.js';
import { timingPlan } from './timing.js';

describe('streaming rows', () => {
  it('are selected by filters that start with stream, and only by them', () => {
    expect(selectStreamRows(undefined)).toHaveLength(STREAM_ROWS.length);
    expect(selectStreamRows('dense,train').map((r) => r.id)).toEqual([]);
    expect(selectStreamRows('stream-lrcn').map((r) => r.id)).toEqual([
      'stream-lrcn-lstm',
      'stream-lrcn-bidirectional',
      'stream-lrcn-pooling',
    ]);
  });

  it('time a push against predict once the stream agrees with predict', async () => {
    resetNames();
    const row = STREAM_ROWS.find((r) => r.id === 'stream-video-classifier');
    if (!row) throw new Error('the video classifier row is missing');
    const before = tf.memory().numTensors;
    const result = await runStreamRow(row, tf.getBackend(), { ...timingPlan(true), maxReps: 3 });
    expect(result.mode).toBe('exact');
    expect(result.maxAbsDiff).toBeLessThan(1e-5);
    expect(result.push.reps).toBeGreaterThan(0);
    expect(result.ratio).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
