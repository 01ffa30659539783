import * as tf from '@tensorflow/tfjs-core';
import {
  ConfigError,
  DisposedError,
  input,
  model,
  resetNames,
  ShapeError,
  StreamError,
  timeDistributed,
} from '@framewise/core';
import {
  bidirectional,
  conv1d,
  conv2d,
  dense,
  flatten,
  globalAveragePooling1d,
  lstm,
  maxPooling2d,
  reshape,
} from '@framewise/layers';
import { frames, maxDiff } from './stream.test-helpers.js';
import { streamModel, type StreamOptions } from './stream-model.js';

beforeEach(() => resetNames());

function frontAndHead(time: number | null, head: 'bidirectional' | 'pooling') {
  const x = input({ shape: [time, 6, 6, 1] });
  const f = timeDistributed(flatten()).apply(
    timeDistributed(maxPooling2d({ poolSize: 2 })).apply(
      timeDistributed(conv2d({ filters: 2, kernelSize: 3, activation: 'relu' })).apply(x),
    ),
  );
  const h =
    head === 'bidirectional'
      ? bidirectional({ layer: lstm({ units: 3 }) }).apply(f)
      : globalAveragePooling1d({}).apply(dense({ units: 4 }).apply(f));
  return model({ inputs: x, outputs: dense({ units: 2 }).apply(h) });
}

/** predict on the last `window` steps up to t (fewer before the window fills). */
function predictWindow(m: ReturnType<typeof frontAndHead>, xs: tf.Tensor, t: number, w: number) {
  return tf.tidy(() => {
    const start = Math.max(0, t + 1 - w);
    return m.predict(tf.slice(xs, [0, start], [-1, t + 1 - start])) as tf.Tensor;
  });
}

describe('window mode', () => {
  it.each(['bidirectional', 'pooling'] as const)(
    'with %s: each output equals predict on the window, the front cached',
    (head) => {
      const m = frontAndHead(null, head);
      const stream = streamModel(m, { window: 4 });
      expect(stream.mode).toBe('window');
      expect(stream.reason).toMatch(
        head === 'bidirectional'
          ? /^window: Bidirectional 'bidirectional_1' sees later steps/
          : /^window: GlobalAveragePooling1D 'global_average_pooling1d_1' sees later steps/,
      );
      const xs = frames([2, 9, 6, 6, 1]);
      let t = 0;
      for (const n of [1, 3, 1, 4]) {
        const out = stream.push(tf.slice(xs, [0, t], [-1, n])) as tf.Tensor;
        expect(out.shape).toEqual([2, n, 2]);
        for (let s = 0; s < n; s++) {
          const step = tf.squeeze(tf.slice(out, [0, s], [-1, 1]), [1]);
          const ref = predictWindow(m, xs, t + s, 4);
          expect(maxDiff(step, ref)).toBeLessThan(1e-5);
          tf.dispose([step, ref]);
        }
        out.dispose();
        t += n;
      }
      stream.dispose();
      xs.dispose();
    },
  );

  it('a fixed time axis sets the window and starts it with zero frames', () => {
    const m = frontAndHead(5, 'pooling');
    const stream = streamModel(m);
    expect(stream.mode).toBe('window');
    const xs = frames([1, 7, 6, 6, 1]);
    const padded = tf.concat([tf.zeros([1, 4, 6, 6, 1]), xs], 1);
    for (let t = 0; t < 7; t++) {
      const out = stream.push(tf.squeeze(tf.slice(xs, [0, t], [-1, 1]), [1])) as tf.Tensor;
      const ref = m.predict(tf.slice(padded, [0, t], [-1, 5])) as tf.Tensor;
      expect(maxDiff(tf.squeeze(out, [1]), ref)).toBeLessThan(1e-5);
      tf.dispose([out, ref]);
    }
    expect(() => streamModel(m, { window: 3 })).toThrow(StreamError);
    tf.dispose([xs, padded]);
    stream.dispose();
  });

  it('refuses what it cannot do, with typed errors', () => {
    const open = frontAndHead(null, 'bidirectional');
    expect(() => streamModel(open)).toThrow(/window mode needs a window/);
    expect(() => streamModel(open, { mode: 'exact' })).toThrow(StreamError);
    expect(() => streamModel(open, { window: 0 })).toThrow(ConfigError);
    const x = input({ shape: [null, 3] });
    const stateful = model({
      inputs: x,
      outputs: lstm({ units: 2, stateful: true, batchInputShape: [1, null, 3] }).apply(x),
    });
    expect(() => streamModel(stateful)).toThrow(/LSTM 'lstm_\d+' cannot be streamed: stateful/);
    const a = input({ shape: [null, 3] });
    const b = input({ shape: [null, 3] });
    const two = model({ inputs: [a, b], outputs: dense({ units: 1 }).apply(a) });
    expect(() => streamModel(two)).toThrow(/one input/);
    const valid = model({
      inputs: x,
      outputs: conv1d({ filters: 1, kernelSize: 2, padding: 'same' }).apply(x),
    });
    expect(streamModel(valid, { window: 3 }).reason).toMatch(/padding 'same'/);
    const silent = model({ inputs: x, outputs: reshape({ targetShape: [-1] }).apply(x) });
    expect(streamModel(silent, { window: 3 }).reason).toBe(
      "window: Reshape 'reshape_1' sees later steps (Reshape does not say whether it is causal)",
    );
  });

  it('checks frames, batch and disposal', () => {
    const x = input({ shape: [null, 3] });
    const m = model({ inputs: x, outputs: lstm({ units: 2 }).apply(x) });
    const [wrong, two, three] = [tf.zeros([2, 4]), tf.zeros([2, 3]), tf.zeros([3, 3])];
    const before = tf.memory().numTensors;
    const stream = streamModel(m);
    expect(() => stream.push(wrong)).toThrow(ShapeError);
    tf.dispose(stream.push(two));
    expect(() => stream.push(three)).toThrow(
      /holds 2 sample\(s\) per push, received 3; call reset\(\)/,
    );
    stream.reset();
    tf.dispose(stream.push(three));
    stream.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => stream.push(three)).toThrow(DisposedError);
    tf.dispose([wrong, two, three]);
  });
});

describe('a failed push changes nothing', () => {
  it.each<[string, StreamOptions]>([
    ['exact', {}],
    ['window', { window: 2 }],
  ])('%s mode', (_mode, options) => {
    const x = input({ shape: [null, 3] });
    const y =
      options.window !== undefined
        ? globalAveragePooling1d({}).apply(lstm({ units: 2, returnSequences: true }).apply(x))
        : lstm({ units: 2 }).apply(x);
    const m = model({ inputs: x, outputs: y });
    const xs = frames([1, 5, 3]);
    const stream = streamModel(m, options);
    const reference = streamModel(m, options);
    const first = tf.slice(xs, [0, 0], [-1, 3]);
    tf.dispose([stream.push(first), reference.push(first)]);
    // Frames of a dtype the kernels reject in the middle of the graph.
    const bad = tf.zeros([1, 4, 3], 'complex64');
    const held = tf.memory().numTensors;
    expect(() => stream.push(bad)).toThrow();
    expect(tf.memory().numTensors).toBe(held);
    const rest = tf.slice(xs, [0, 3], [-1, 2]);
    const a = stream.push(rest) as tf.Tensor;
    const b = reference.push(rest) as tf.Tensor;
    expect(maxDiff(a, b)).toBe(0);
    tf.dispose([a, b, bad, first, rest, xs]);
    stream.dispose();
    reference.dispose();
  });
});
