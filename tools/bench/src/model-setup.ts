/**
 * Builds one model row twice, in Framewise and in tfjs-layers, with the same
 * weights: every tfjs-layers layer that holds weights gets those of the
 * Framewise layer in the same place.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import {
  input,
  model,
  timeDistributed,
  type Layer,
  type Model,
  type SymbolicTensor,
} from '@framewise/core';
import {
  bidirectional,
  conv2d,
  convLstm2d,
  dense,
  embedding,
  flatten,
  globalAveragePooling2d,
  gru,
  lstm,
  maxPooling2d,
  simpleRNN,
} from '@framewise/layers';
import type { ModelKind, ModelRowSpec } from './model-rows.js';

const SEED = 7;
/** Units of the recurrent rows, and their input features. */
const UNITS = 64;
const FRAME = [64, 64, 3];
const VOCABULARY = 1000;
/** Frames of the ConvLSTM2D rows, and their filters. */
const SMALL_FRAME = [8, 8, 4];
const CONV_LSTM = { filters: 8, kernelSize: 3, padding: 'same' } as const;

/** A layer of each library, built by the same recipe. */
interface Pair {
  ours: () => Layer;
  theirs: () => tfl.layers.Layer;
}

// tfjs-layers' default orthogonal recurrent initializer needs chained tensor
// methods that tfjs-core alone does not register; the weights are replaced anyway.
const RECURRENT_INIT = { recurrentInitializer: 'glorotUniform' } as const;

function recurrent(kind: ModelKind, returnSequences = false): Pair {
  const o = { units: UNITS, returnSequences };
  switch (kind) {
    case 'simpleRNN':
      return {
        ours: () => simpleRNN(o),
        theirs: () => tfl.layers.simpleRNN({ ...o, ...RECURRENT_INIT }),
      };
    case 'gru':
      return { ours: () => gru(o), theirs: () => tfl.layers.gru({ ...o, ...RECURRENT_INIT }) };
    case 'bidirectional':
      return {
        ours: () => bidirectional({ layer: lstm(o) }),
        theirs: () =>
          tfl.layers.bidirectional({
            layer: tfl.layers.lstm({ ...o, ...RECURRENT_INIT }) as tfl.RNN,
          }),
      };
    default:
      return { ours: () => lstm(o), theirs: () => tfl.layers.lstm({ ...o, ...RECURRENT_INIT }) };
  }
}

const td = (p: Pair): Pair => ({
  ours: () => timeDistributed(p.ours()),
  theirs: () => tfl.layers.timeDistributed({ layer: p.theirs() }),
});
const conv = (filters: number, padding: 'same' | 'valid'): Pair =>
  td({
    ours: () => conv2d({ filters, kernelSize: 3, activation: 'relu', padding }),
    theirs: () => tfl.layers.conv2d({ filters, kernelSize: 3, activation: 'relu', padding }),
  });
const pool = (): Pair =>
  td({
    ours: () => maxPooling2d({ poolSize: 2 }),
    theirs: () => tfl.layers.maxPooling2d({ poolSize: 2 }),
  });
const denseOf = (units: number, activation: 'softmax'): Pair => ({
  ours: () => dense({ units, activation }),
  theirs: () => tfl.layers.dense({ units, activation }),
});

/** The layers of a row, in order, and the shape of one sample. */
function recipe(row: ModelRowSpec): { sample: number[]; layers: Pair[] } {
  switch (row.kind) {
    case 'video-classifier':
      // docs/examples/video-classifier with its default options.
      return {
        sample: [row.time, ...FRAME],
        layers: [
          conv(4, 'valid'),
          pool(),
          conv(8, 'valid'),
          td({
            ours: () => globalAveragePooling2d(),
            theirs: () => tfl.layers.globalAveragePooling2d({}),
          }),
          {
            ours: () => lstm({ units: 8 }),
            theirs: () => tfl.layers.lstm({ units: 8, ...RECURRENT_INIT }),
          },
          denseOf(5, 'softmax'),
        ],
      };
    case 'lrcn':
      return {
        sample: [row.time, ...FRAME],
        layers: [
          ...[16, 32, 64, 64].flatMap((f) => [conv(f, 'same'), pool()]),
          td({ ours: () => flatten(), theirs: () => tfl.layers.flatten() }),
          recurrent('lstm'),
          denseOf(10, 'softmax'),
        ],
      };
    case 'seq2seq':
      return {
        sample: [row.time],
        layers: [
          {
            ours: () => embedding({ inputDim: VOCABULARY, outputDim: UNITS }),
            theirs: () => tfl.layers.embedding({ inputDim: VOCABULARY, outputDim: UNITS }),
          },
          recurrent('lstm', true),
          td(denseOf(VOCABULARY, 'softmax')),
        ],
      };
    case 'convLstm2d':
      return {
        sample: [row.time, ...SMALL_FRAME],
        layers: [
          {
            ours: () => convLstm2d(CONV_LSTM),
            theirs: () => tfl.layers.convLstm2d({ ...CONV_LSTM, ...RECURRENT_INIT }),
          },
        ],
      };
    default:
      return { sample: [row.time, UNITS], layers: [recurrent(row.kind)] };
  }
}

export interface ModelSetup {
  x: tf.Tensor;
  framewise: Model;
  tfjsLayers: tfl.LayersModel;
  /** b, where the row has one: the same work without TimeDistributed, on the merged input. */
  floor?: () => tf.Tensor;
  dispose(): void;
}

/** Both models of a row, with one set of weights, and the row's input. */
export function setupModelRow(row: ModelRowSpec): ModelSetup {
  const { sample, layers } = recipe(row);
  const shape = [row.batch, ...sample];
  const x =
    row.kind === 'seq2seq'
      ? tf.randomUniform(shape, 0, VOCABULARY, 'int32', SEED)
      : tf.randomNormal(shape, 0, 1, 'float32', SEED);
  const dtype = row.kind === 'seq2seq' ? 'int32' : 'float32';
  const ours = input({ shape: sample, dtype });
  const framewise = model({
    inputs: ours,
    outputs: layers.reduce<SymbolicTensor>((s, p) => p.ours().apply(s), ours),
  });
  const theirs = tfl.input({ shape: sample, dtype });
  const tfjsLayers = tfl.model({
    inputs: theirs,
    outputs: layers.reduce<tfl.SymbolicTensor>(
      (s, p) => p.theirs().apply(s) as tfl.SymbolicTensor,
      theirs,
    ),
  });
  const from = framewise.layers.filter((l) => l.getWeights().length > 0);
  const to = tfjsLayers.layers.filter((l) => l.getWeights().length > 0);
  if (from.length !== to.length) {
    throw new Error(
      `${row.id}: ${from.length} Framewise layers hold weights, ${to.length} tfjs-layers layers`,
    );
  }
  // getWeights() gives Framewise's variables themselves: tfjs-layers copies them.
  to.forEach((l, i) => l.setWeights(from[i]?.getWeights() ?? []));
  return {
    x,
    framewise,
    tfjsLayers,
    dispose() {
      tfjsLayers.dispose();
      framewise.dispose();
      x.dispose();
    },
  };
}
