import * as layers from '@framewise/layers';
import type { LayerPlugin } from '@framewise/core';
import { planLayerChecks, runLayerCheck } from './index.js';
import { describeLayerPlugin } from './jest.js';
import type { LayerKitSpec } from './lib/layer-kit/spec.js';
import { activationEntries } from './testing/layer-catalog/activations.test-helpers.js';
import { basicEntries, ELEMENT_WISE } from './testing/layer-catalog/basic.test-helpers.js';
import { convEntries } from './testing/layer-catalog/conv.test-helpers.js';
import type { CatalogEntry } from './testing/layer-catalog/entry.test-helpers.js';
import { mergePreprocEntries } from './testing/layer-catalog/merge-preproc.test-helpers.js';
import { recurrentEntries } from './testing/layer-catalog/recurrent.test-helpers.js';
import { shapeEntries } from './testing/layer-catalog/shape.test-helpers.js';
import { spatialEntries } from './testing/layer-catalog/spatial.test-helpers.js';

// Every plugin of @framewise/layers, and core's TimeDistributed, through the layer kit, on
// tiny shapes. Known bugs in the layers would be marked `expectFailures` (run as `it.failing`):
// the block stays green while they fail and turns red once a layer is fixed.

const catalog: CatalogEntry[] = [
  ...basicEntries,
  ...spatialEntries,
  ...recurrentEntries,
  ...convEntries,
  ...activationEntries,
  ...mergePreprocEntries,
  ...shapeEntries,
];

describe('layer kit catalog', () => {
  it('covers every plugin @framewise/layers registers, and TimeDistributed', () => {
    const covered = new Set(catalog.map((e) => e.spec.plugin.className));
    const exported = Object.values(layers)
      .filter(
        (v): v is LayerPlugin<never> => typeof v === 'object' && v !== null && 'fromConfig' in v,
      )
      .map((p) => p.className);
    expect([...covered].sort()).toEqual([...exported, 'TimeDistributed'].sort());
  });

  it('skips exactly these checks, for these reasons', () => {
    const skipped = catalog.flatMap((e) =>
      planLayerChecks(e.spec)
        .filter((c) => c.skipped !== undefined)
        .map((c) => `${e.title} / ${c.name}: ${c.skipped}`),
    );
    expect(skipped).toEqual([
      `Flatten / bad-input: Flatten takes every rank from 1 up ([batch] becomes [batch, 1])`,
      `Activation / bad-input: ${ELEMENT_WISE}`,
      `Dropout / bad-input: ${ELEMENT_WISE}`,
      'Embedding (one index per sample) / time-distributed: the input (2,) has no axis besides ' +
        'the batch: with a time axis it has rank 2, and timeDistributed needs [batch, time, ...] ' +
        'of rank 3 or more',
      'Embedding (one index per sample) / bad-input: without inputLength, indices of every rank ' +
        'from 1 up are valid',
      'LSTM (stateful) / time-distributed: isBatchCoupled(false) is true: a sample depends on the ' +
        'rest of the batch (or on earlier calls), so steps are not independent samples and the ' +
        'strategies need not agree',
      ...[
        'ReLU',
        'LeakyReLU (masked)',
        'ELU',
        'ThresholdedReLU',
        'GaussianNoise',
        'GaussianDropout',
        'AlphaDropout',
        'ActivityRegularization',
      ].map((title) => `${title} / bad-input: ${ELEMENT_WISE}`),
    ]);
  });

  it('keeps the bugs it found fixed: Bidirectional with a wider backward layer, TimeDistributed.computeMask', async () => {
    const spec = (title: string): LayerKitSpec<unknown> =>
      catalog.find((e) => e.title === title)!.spec;
    // Once: computeOutputShape doubled the forward units (4) while apply gave 2 + 3 = 5.
    const concat = await runLayerCheck(
      spec('Bidirectional(LSTM(2), backwardLayer: GRU(3))'),
      'shapes',
    );
    expect(concat.passed).toBe(true);
    // Once: accepted, then every call failed in tfjs with "could not be broadcast".
    expect(() =>
      layers.bidirectional({
        layer: layers.lstm({ units: 2 }),
        backwardLayer: layers.lstm({ units: 3, goBackwards: true }),
        mergeMode: 'sum',
      }),
    ).toThrow(
      /mergeMode 'sum' needs both directions to have the same units: layer has 2, backwardLayer 3/,
    );
    // Once: +2 tensors per computeMask call with a mask.
    const masked = await runLayerCheck(spec('TimeDistributed(Dense) (masked)'), 'leaks');
    expect(masked.passed).toBe(true);
  });
});

for (const entry of catalog) {
  describeLayerPlugin(entry.spec, {
    title: `layer kit: ${entry.title}`,
    ...(entry.expectFailures ? { expectFailures: entry.expectFailures } : {}),
  });
}
