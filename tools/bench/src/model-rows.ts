/**
 * The whole-model rows: recurrent layers alone (SimpleRNN, GRU, LSTM,
 * Bidirectional(LSTM), batch 32, 64 → 64 units, 50 to 1000 steps; ConvLSTM2D
 * on 8×8×4 frames → 8 filters, batch 4, over the same step counts) and the
 * models users run (the video classifier example, an LRCN, a seq2seq tagger),
 * Framewise's `predict` against tfjs-layers' `predict` on the same weights.
 */
import type { EngineClass } from '@framewise/bench';

/** What a row builds. */
export type ModelKind =
  | 'simpleRNN'
  | 'gru'
  | 'lstm'
  | 'bidirectional'
  | 'convLstm2d'
  | 'video-classifier'
  | 'lrcn'
  | 'seq2seq'
  | 'td-mobilenetv2';

export interface ModelRowSpec {
  /** Stable id for `--rows`: every id starts with `rnn-` or `model-`. */
  id: string;
  label: string;
  kind: ModelKind;
  batch: number;
  time: number;
  /** At most this many timed tfjs-layers calls, after one warm-up (its loop is slow at long times). */
  tfjsLayersMaxReps?: number;
}

/** The engines the model rows run on by default: the convolutions take minutes on the pure-JS cpu backend. */
export const MODEL_ROW_ENGINES: readonly EngineClass[] = ['wasm', 'native', 'gpu'];

const RECURRENT: readonly [ModelKind, string][] = [
  ['simpleRNN', 'SimpleRNN'],
  ['gru', 'GRU'],
  ['lstm', 'LSTM'],
  ['bidirectional', 'Bidirectional(LSTM)'],
];

/** The rows, in table order. */
export const MODEL_ROWS: readonly ModelRowSpec[] = [
  ...RECURRENT.flatMap(([kind, name]) =>
    [50, 100, 200, 1000].map((time): ModelRowSpec => ({
      id: `rnn-${kind.toLowerCase()}-32x${time}-64to64`,
      label: `${name} b32 t${time} 64→64`,
      kind,
      batch: 32,
      time,
      ...(time >= 1000 ? { tfjsLayersMaxReps: 2 } : {}),
    })),
  ),
  ...[50, 100, 200, 1000].map((time): ModelRowSpec => ({
    id: `rnn-convlstm2d-4x${time}-8x8x4to8`,
    label: `ConvLSTM2D 3×3 b4 t${time} 8×8×4→8`,
    kind: 'convLstm2d',
    batch: 4,
    time,
    ...(time >= 1000 ? { tfjsLayersMaxReps: 2 } : {}),
  })),
  {
    id: 'model-video-classifier-4x20',
    label: 'video classifier example b4 t20 64×64×3',
    kind: 'video-classifier',
    batch: 4,
    time: 20,
  },
  {
    id: 'model-lrcn-4x20',
    label: 'LRCN TD(Conv2D×4+pool)→LSTM→Dense b4 t20 64×64×3',
    kind: 'lrcn',
    batch: 4,
    time: 20,
    tfjsLayersMaxReps: 5,
  },
  {
    // A whole Keras Applications backbone as the frame encoder (see backbone-setup.ts).
    id: 'model-td-mobilenetv2-1x16',
    label: 'TimeDistributed(MobileNetV2 α0.35 no top) b1 t16 96×96×3',
    kind: 'td-mobilenetv2',
    batch: 1,
    time: 16,
  },
  {
    id: 'model-seq2seq-32x50',
    label: 'seq2seq tagger Embedding→LSTM→TD(Dense 1000) b32 t50',
    kind: 'seq2seq',
    batch: 32,
    time: 50,
  },
];

/** Rows for the filters of `--rows` that start with `rnn` or `model`; all when there is no filter. */
export function selectModelRows(filter: string | undefined): ModelRowSpec[] {
  if (filter === undefined || filter.trim() === '') return MODEL_ROWS.slice();
  const parts = filter
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => p.startsWith('rnn') || p.startsWith('model'));
  return MODEL_ROWS.filter((r) => parts.some((p) => r.id.includes(p)));
}
