import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import { loadModel, ModelFileError } from '../index.js';
import { checkLoad, fuzz } from './outcome.test-helpers.js';
import { applyBytes, byteMutations, show, type ByteMutation } from './mutations.test-helpers.js';
import { fixtureH5Files, makeSeeds, type H5Fixture, type Seeds } from './seeds.test-helpers.js';

// Mutated HDF5 files: the legacy .h5 models and save_weights files among io's fixtures
// (written by Keras; a weights file loads with the topology beside it) and the weights
// file Framewise writes.
const h5Fixtures = fixtureH5Files();
let seeds: Seeds;
// A short HDF5 read limit: these fixtures read in milliseconds, and a read that hangs
// (below) costs this long before the worker reading it is stopped.
const HDF5_READ_MS = 1000;
const quiet = { onWarning: () => undefined, limits: { hdf5ReadMs: HDF5_READ_MS } };

/**
 * Mutations after which reading the file never returns: libhdf5 (inside h5wasm) loops
 * forever reading a damaged attribute, in one synchronous WebAssembly call. Found by
 * this fuzzer; io reads HDF5 in a worker thread it stops after `limits.hdf5ReadMs`, so
 * these are refused with a typed timeout error (they also run inside the fuzz loops).
 */
const KNOWN_HANGS: Record<string, ByteMutation[][]> = {
  'keras-layout/keras2-seq.h5': [
    [
      { kind: 'insert', at: 13492277, bytes: [118, 245, 234, 73, 67, 46, 242, 135] },
      { kind: 'flip', at: 1463615390, xor: 158 },
      { kind: 'insert', at: 1078222808, bytes: [104, 170, 177, 39] },
    ],
  ],
  'keras-layout/keras3-func.h5': [
    [
      { kind: 'insert', at: 1441140468, bytes: [255] },
      { kind: 'set', at: 1547098239, value: 127 },
    ],
  ],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
  seeds = await makeSeeds();
});

function load(f: H5Fixture, bytes: Uint8Array) {
  return f.topology
    ? () => loadModel(f.topology!, { ...quiet, weights: bytes })
    : () => loadModel(bytes, quiet);
}

describe('fuzz: HDF5 files', () => {
  it('a mutated Framewise-written weights .h5, given alone, is refused typed', async () => {
    const { tally, failures } = await fuzz(byteMutations, 150, (m) => {
      const bytes = applyBytes(seeds.weightsH5, m);
      return checkLoad(
        () => loadModel(bytes, quiet),
        () => show(m),
      );
    });
    expect(failures).toEqual([]);
    // A weights file is no model: alone, it is always refused.
    expect(tally.loaded).toBe(0);
  }, 120_000);

  it.each(h5Fixtures.map((f) => [f.name, f] as const))(
    '%s: byte-level mutations load or fail typed',
    async (name, f) => {
      const { tally, failures } = await fuzz(byteMutations, 100, (m) => {
        return checkLoad(load(f, applyBytes(f.bytes, m)), () => `${name} ${show(m)}`);
      });
      expect(failures).toEqual([]);
      expect(tally.refused).toBeGreaterThan(0);
    },
    120_000,
  );

  it('has Keras-written HDF5 fixtures to mutate', () => {
    expect(h5Fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['keras-layout/keras2-seq.h5', 'keras-layout/keras3-func.h5']),
    );
  });

  it.each(Object.entries(KNOWN_HANGS))(
    '%s: a read that never ends is stopped and refused typed, without leaks',
    async (name, list) => {
      const f = h5Fixtures.find((x) => x.name === name)!;
      for (const m of list) {
        const before = tf.memory().numTensors;
        const started = Date.now();
        const error = await load(f, applyBytes(f.bytes, m))().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ModelFileError);
        expect((error as ModelFileError).message).toBe(
          `${(error as ModelFileError).file}: HDF5 read did not finish within ${HDF5_READ_MS} ms: ` +
            'the file is damaged or hostile',
        );
        // Stopped at the limit (plus starting h5wasm in a fresh worker), not by the test's timeout.
        expect(Date.now() - started).toBeLessThan(HDF5_READ_MS + 8000);
        expect(tf.memory().numTensors).toBe(before);
        // The next read gets a fresh worker and works.
        const ok = await load(f, f.bytes)();
        ok.dispose();
        expect(tf.memory().numTensors).toBe(before);
      }
    },
    30_000,
  );
});
