import { input, model, resetNames, type Layer, type SymbolicTensor } from '@framewise/core';
import { additiveAttention, attention, multiHeadAttention } from '@framewise/layers';
import { summarize } from './summarize.js';
import type { SummaryRow, SummaryTotals } from './types.js';

// The attention layers' MACs per sample in the summary, worked out by hand:
// the matrix products between query and key, and between weights and value,
// count like products against weights; MultiHeadAttention adds its four projections.

beforeEach(() => resetNames());

function summarizeOne(
  layer: Layer,
  shapes: (number | null)[][],
): { row: SummaryRow; totals: SummaryTotals } {
  const inputs = shapes.map((shape) => input({ shape }));
  const data = summarize(model({ inputs, outputs: layer.apply(inputs) as SymbolicTensor }));
  return { row: data.rows.find((r) => r.name === layer.name)!, totals: data.totals };
}

describe('summary MACs of the attention layers', () => {
  it('Attention: Tq·Tv·dim for the scores plus Tq·Tv·features for the weighted sum', () => {
    // query (5, 8), value (7, 8): 5·7·8 + 5·7·8.
    const { row, totals } = summarizeOne(attention(), [
      [5, 8],
      [7, 8],
    ]);
    expect(row.macs).toBe(560);
    expect(totals.macs).toBe(560);
  });

  it('AdditiveAttention: the same products, scale · tanh counted once per feature', () => {
    const { row } = summarizeOne(additiveAttention(), [
      [5, 8],
      [7, 8],
    ]);
    expect(row.macs).toBe(560);
    expect(row.params).toBe(8);
  });

  it('MultiHeadAttention: four projections, scores and the weighted sum', () => {
    // query (5, 8), value (7, 8); 2 heads of 4: projections 5·8·8 + 7·8·8 + 7·8·8,
    // scores 5·7·2·4, weighted sum 5·7·2·4, output 5·8·8.
    const { row } = summarizeOne(multiHeadAttention({ numHeads: 2, keyDim: 4 }), [
      [5, 8],
      [7, 8],
    ]);
    expect(row.macs).toBe(320 + 448 + 448 + 280 + 280 + 320);
  });

  it('is unknown while a sequence length is open', () => {
    const { row } = summarizeOne(multiHeadAttention({ numHeads: 2, keyDim: 4 }), [
      [null, 8],
      [7, 8],
    ]);
    expect(row.macs).toBeNull();
  });
});
