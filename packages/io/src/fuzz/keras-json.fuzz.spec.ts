import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { loadModel } from '../index.js';
import { checkLoad, fuzz } from './outcome.test-helpers.js';
import {
  applyBytes,
  applyJsonFile,
  byteMutations,
  jsonFileMutation,
  show,
} from './mutations.test-helpers.js';
import { makeSeeds, type Seeds } from './seeds.test-helpers.js';

// Mutated Keras to_json text, alone and with its save_weights .h5: every outcome is a
// model or a typed error, with no hang and no leaked tensor (see outcome.test-helpers.ts).
let seeds: Seeds;
const quiet = { onWarning: () => undefined };

beforeAll(async () => {
  await tf.setBackend('cpu');
  seeds = await makeSeeds();
});

describe('fuzz: Keras JSON', () => {
  it('mutated topology JSON loads or fails typed', async () => {
    const { tally, failures } = await fuzz(jsonFileMutation, 1200, (m) => {
      const bytes = applyJsonFile(seeds.kerasJson, m);
      return checkLoad(
        () => loadModel(bytes, quiet),
        () => show(m),
      );
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('a topology with a mutated weights .h5 loads or fails typed', async () => {
    const json = new TextEncoder().encode(seeds.kerasJson);
    const { tally, failures } = await fuzz(byteMutations, 400, (m) => {
      const weights = applyBytes(seeds.weightsH5, m);
      return checkLoad(
        () => loadModel(json, { ...quiet, weights }),
        () => `weights.h5 ${show(m)}`,
      );
    });
    expect(failures).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);
});
