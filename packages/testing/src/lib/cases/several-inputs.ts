import {
  input,
  model,
  timeDistributed,
  type Model,
  type SymbolicTensor,
  type TimeDistributedOptions,
} from '@framewise/core';
import { dense } from '@framewise/layers';
import type { ConformanceCase } from '../case.js';
import { SUMS } from '../tolerance.js';
import { SumInputs } from './sum-inputs.js';

// Two sequences [time, 6] and per-sample context [6], summed at every step (the context
// whole, as a broadcast input), then Dense(4, relu) at every step.
function broadcastModel(options: TimeDistributedOptions): Model {
  const a = input({ shape: [5, 6] });
  const b = input({ shape: [5, 6] });
  const context = input({ shape: [6] });
  const sum = timeDistributed(new SumInputs(), { ...options, broadcastInputs: [2] });
  const summed = sum.apply([a, b, context]) as SymbolicTensor;
  const y = timeDistributed(dense({ units: 4, activation: 'relu' })).apply(summed);
  return model({ inputs: [a, b, context], outputs: y });
}

const shapes = [
  [3, 5, 6],
  [3, 5, 6],
  [3, 6],
];

/** A layer with several inputs, two distributed and one broadcast, under each strategy. */
export const severalInputsCases: readonly ConformanceCase[] = [
  {
    name: 'several-inputs/broadcast-reshape',
    description: 'Two [3, 5, 6] sequences and a broadcast [3, 6] context, merged into one call',
    inputShapes: shapes,
    seed: 501,
    tolerance: SUMS,
    build: () => broadcastModel({ strategy: 'reshape' }),
  },
  {
    name: 'several-inputs/broadcast-loop',
    description: "The same with strategy 'loop': the context passed whole to every step",
    inputShapes: shapes,
    seed: 502,
    tolerance: SUMS,
    build: () => broadcastModel({ strategy: 'loop' }),
  },
  {
    name: 'several-inputs/broadcast-chunked',
    description: 'The same with chunkSize 2: the repeated context cut into the same blocks',
    inputShapes: shapes,
    seed: 503,
    tolerance: SUMS,
    build: () => broadcastModel({ chunkSize: 2 }),
  },
];
