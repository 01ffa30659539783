import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '@framewise/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, ModelFileError } from '../index.js';
import { readHdf5 } from './hdf5.js';
import {
  BIAS,
  craftedModel,
  craftedTopology,
  kerasArchive,
  KERNEL,
  KERNEL_PATH,
  lattice,
  loopToRoot,
  manyGroups,
  secretFile,
  softLoop,
  weightsWithLinks,
  type Link,
} from './testing/crafted-hdf5.test-helpers.js';

// HDF5 links in model files: external links are refused, soft and hard links are
// followed only inside the file, and link structures cannot make the walk endless.

let dir: string;
let secret: string;
let m: Model;
const quiet = { onWarning: () => undefined };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-h5-links-'));
  secret = join(dir, 'secret.h5');
  writeFileSync(secret, await secretFile());
  m = craftedModel();
});
afterEach(() => {
  m.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const kernelOnly =
  (layout: 'keras2' | 'keras3', link: Link) =>
  (path: string): Link | undefined =>
    path === KERNEL_PATH[layout] ? link : undefined;

async function loadKeras2(weights: Uint8Array, limits = {}): Promise<Model> {
  return loadModel(craftedTopology(m), { ...quiet, weights, limits });
}

async function refusal(load: Promise<Model>): Promise<ModelFileError> {
  const outcome = await load.then(
    (loaded) => {
      const kernel = Array.from(loaded.weights[0]!.value.dataSync());
      loaded.dispose();
      return new Error(`loaded, with kernel ${kernel.join(', ')}`);
    },
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ModelFileError);
  return outcome as ModelFileError;
}

function expectWeights(loaded: Model): void {
  expect(Array.from(loaded.weights[0]!.value.dataSync())).toEqual(KERNEL);
  expect(Array.from(loaded.weights[1]!.value.dataSync())).toEqual(BIAS);
  loaded.dispose();
}

describe('HDF5 external links', () => {
  it('refuses a save_weights file whose kernel links to another file on the host', async () => {
    const link: Link = { kind: 'external', file: secret, path: '/secret' };
    const weights = await weightsWithLinks(m, 'keras2', kernelOnly('keras2', link));
    const before = tf.memory().numTensors;
    const error = await refusal(loadKeras2(weights));
    expect(error.location).toBe(KERNEL_PATH.keras2);
    expect(error.message).toContain(`external link to "${secret}:/secret"`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a .keras whose weights link to another file', async () => {
    const link: Link = { kind: 'external', file: secret, path: '/secret' };
    const weights = await weightsWithLinks(m, 'keras3', kernelOnly('keras3', link));
    const error = await refusal(loadModel(kerasArchive(m, weights), quiet));
    expect(error.file).toBe('<bytes>#model.weights.h5');
    expect(error.location).toBe(KERNEL_PATH.keras3);
  });

  it('refuses a soft link that passes through an external link', async () => {
    const weights = await weightsWithLinks(
      m,
      'keras2',
      kernelOnly('keras2', { kind: 'soft', target: '/outside/secret' }),
      (root) => root.create_external_link(secret, '/', 'outside'),
    );
    const error = await refusal(loadKeras2(weights));
    expect(error.message).toContain('external link');
  });

  it('refuses it on the calling thread too (browsers)', async () => {
    const link: Link = { kind: 'external', file: secret, path: '/secret' };
    const weights = await weightsWithLinks(m, 'keras2', kernelOnly('keras2', link));
    await expect(readHdf5(weights, 'w.h5', () => 1, { inThread: true })).rejects.toThrow(
      /^w\.h5 \(\/dense_1\/dense_1\/kernel:0\): external link/,
    );
  });
});

describe('HDF5 soft and hard links inside the file', () => {
  it.each(['soft', 'hard'] as const)(
    'a %s link to the values elsewhere in the file loads them',
    async (kind) => {
      for (const layout of ['keras2', 'keras3'] as const) {
        const weights = await weightsWithLinks(
          m,
          layout,
          kernelOnly(layout, { kind, target: 'stash' }),
        );
        expectWeights(
          layout === 'keras2'
            ? await loadKeras2(weights)
            : await loadModel(kerasArchive(m, weights), quiet),
        );
      }
    },
  );

  it('a link back to the root is refused at once, not after the time limit', async () => {
    const weights = await weightsWithLinks(m, 'keras2', () => undefined, loopToRoot);
    const started = Date.now();
    const error = await refusal(loadKeras2(weights));
    expect(error.message).toMatch(/link back to \/, a group that contains it \(a loop\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('soft links that point at each other are refused', async () => {
    const weights = await weightsWithLinks(m, 'keras2', () => undefined, softLoop);
    const error = await refusal(loadKeras2(weights));
    expect(error.location).toMatch(/^\/s[12]$/);
    expect(error.message).toMatch(/soft links lead to soft links more than 16 times/);
  });

  it('groups shared by many paths are walked once', async () => {
    // 2^40 paths through 41 groups.
    const weights = await weightsWithLinks(m, 'keras2', () => undefined, lattice(40));
    expectWeights(await loadKeras2(weights));
  });

  it('stops at limits.maxHdf5Objects links', async () => {
    const weights = await weightsWithLinks(m, 'keras2', () => undefined, manyGroups(50));
    const error = await refusal(loadKeras2(weights, { maxHdf5Objects: 40 }));
    expect(error.message).toContain('more than limits.maxHdf5Objects (40) links');
    expectWeights(await loadKeras2(weights));
  });
});
