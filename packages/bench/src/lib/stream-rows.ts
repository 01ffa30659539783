/**
 * The streaming rows: the per-frame cost of `streamModel(model).push(frame)`
 * against `model.predict` on the last 16 frames, which is what a live
 * application without streaming runs for every new frame.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  input,
  model,
  required,
  timeDistributed,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import {
  bidirectional,
  conv2d,
  dense,
  flatten,
  globalAveragePooling1d,
  globalAveragePooling2d,
  lstm,
  maxPooling2d,
} from '@framewise/layers';
import { streamModel } from '@framewise/stream';
import { maxAbsDiff } from './check.js';
import { timeVariants, type Stats, type TimingPlan } from './timing.js';

export interface StreamRowSpec {
  /** Stable id; every streaming id starts with `stream-`. */
  id: string;
  label: string;
  /** Frames the model sees in `predict` (and the stream's window when it windows). */
  window: number;
  /** One frame without the batch: `[height, width, channels]`. */
  frame: number[];
  /** The model, with its time axis open. */
  build: () => Model;
  /** The mode the stream should pick. */
  mode: 'exact' | 'window';
  /** Least predict/push ratio wanted. */
  target: number;
}

const apply = (x: SymbolicTensor, layers: { apply(t: SymbolicTensor): unknown }[]) =>
  layers.reduce<SymbolicTensor>((t, l) => l.apply(t) as SymbolicTensor, x);

/** docs/examples/video-classifier at its defaults: CNN per frame → LSTM(8) → softmax. */
function videoClassifier(): Model {
  const x = input({ shape: [null, 64, 64, 3] });
  const y = apply(x, [
    timeDistributed(conv2d({ filters: 4, kernelSize: 3, activation: 'relu' })),
    timeDistributed(maxPooling2d({ poolSize: 2 })),
    timeDistributed(conv2d({ filters: 8, kernelSize: 3, activation: 'relu' })),
    timeDistributed(globalAveragePooling2d()),
    lstm({ units: 8 }),
    dense({ units: 5, activation: 'softmax' }),
  ]);
  return model({ inputs: x, outputs: y });
}

/** The LRCN shape: TimeDistributed(Conv2D ×3 + pooling) → `head` → Dense. */
function lrcn(head: 'lstm' | 'bidirectional' | 'pooling'): () => Model {
  return () => {
    const x = input({ shape: [null, 32, 32, 3] });
    const features = apply(x, [
      timeDistributed(conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' })),
      timeDistributed(maxPooling2d({ poolSize: 2 })),
      timeDistributed(conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' })),
      timeDistributed(maxPooling2d({ poolSize: 2 })),
      timeDistributed(conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' })),
      timeDistributed(maxPooling2d({ poolSize: 2 })),
      timeDistributed(flatten()),
    ]);
    const tail =
      head === 'lstm'
        ? [lstm({ units: 64 })]
        : head === 'bidirectional'
          ? [bidirectional({ layer: lstm({ units: 64 }) })]
          : [dense({ units: 64, activation: 'relu' }), globalAveragePooling1d({})];
    return model({ inputs: x, outputs: apply(features, [...tail, dense({ units: 10 })]) });
  };
}

/** The streaming rows, in table order. */
export const STREAM_ROWS: readonly StreamRowSpec[] = [
  {
    id: 'stream-video-classifier',
    label: 'stream: video classifier 64×64×3, LSTM',
    window: 16,
    frame: [64, 64, 3],
    build: videoClassifier,
    mode: 'exact',
    target: 8,
  },
  {
    id: 'stream-lrcn-lstm',
    label: 'stream: LRCN 32×32×3, Conv2D×3 → LSTM',
    window: 16,
    frame: [32, 32, 3],
    build: lrcn('lstm'),
    mode: 'exact',
    target: 8,
  },
  {
    id: 'stream-lrcn-bidirectional',
    label: 'stream: LRCN 32×32×3, Conv2D×3 → Bidirectional LSTM',
    window: 16,
    frame: [32, 32, 3],
    build: lrcn('bidirectional'),
    mode: 'window',
    target: 4,
  },
  {
    id: 'stream-lrcn-pooling',
    label: 'stream: LRCN 32×32×3, Conv2D×3 → pooling over time',
    window: 16,
    frame: [32, 32, 3],
    build: lrcn('pooling'),
    mode: 'window',
    target: 4,
  },
];

/** Streaming rows whose id contains one of the comma-separated filters starting with `stream`. */
export function selectStreamRows(filter: string | undefined): StreamRowSpec[] {
  if (filter === undefined || filter.trim() === '') return STREAM_ROWS.slice();
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.startsWith('stream'));
  return STREAM_ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}

export interface StreamRowResult {
  id: string;
  label: string;
  backend: string;
  mode: 'exact' | 'window';
  reason: string;
  /** One `push` of one frame. */
  push: Stats;
  /** `predict` on the window's frames. */
  predict: Stats;
  /** predict / push medians. */
  ratio: number;
  target: number;
  /** Largest difference between the last push and predict on the same frames. */
  maxAbsDiff: number;
}

/**
 * Builds the row's model, checks that a stream fed `window` frames agrees with
 * `predict` on them, then times one more push against that predict.
 */
export async function runStreamRow(
  row: StreamRowSpec,
  backend: string,
  plan: TimingPlan,
): Promise<StreamRowResult> {
  const m = row.build();
  const clip = tf.randomUniform([1, row.window, ...row.frame], 0, 1, 'float32', 3);
  const frame = tf.randomUniform([1, ...row.frame], 0, 1, 'float32', 4);
  const stream = streamModel(m, { window: row.window });
  try {
    if (stream.mode !== row.mode) {
      throw new Error(`${row.id}: expected ${row.mode} streaming, got ${stream.reason}`);
    }
    const pushed = stream.push(clip) as tf.Tensor;
    const last = tf.tidy(() => tf.squeeze(tf.slice(pushed, [0, row.window - 1], [-1, 1]), [1]));
    const reference = m.predict(clip) as tf.Tensor;
    const diff = await maxAbsDiff(last, reference);
    tf.dispose([pushed, last, reference]);
    const timed = await timeVariants(
      [
        { name: 'push', run: () => stream.push(frame) as tf.Tensor },
        { name: 'predict', run: () => m.predict(clip) as tf.Tensor },
      ],
      plan,
    );
    const push = required(timed.get('push'), 'push timing');
    const predict = required(timed.get('predict'), 'predict timing');
    return {
      id: row.id,
      label: row.label,
      backend,
      mode: stream.mode,
      reason: stream.reason,
      push,
      predict,
      ratio: predict.medianMs / push.medianMs,
      target: row.target,
      maxAbsDiff: diff,
    };
  } finally {
    stream.dispose();
    m.dispose();
    tf.dispose([clip, frame]);
  }
}
