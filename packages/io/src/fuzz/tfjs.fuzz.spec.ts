import fc from 'fast-check';
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
  type ByteMutation,
} from './mutations.test-helpers.js';
import { makeSeeds, type Seeds } from './seeds.test-helpers.js';

// Mutated tfjs model.json files and weight shards, given as in-memory Files.
let seeds: Seeds;
const quiet = { onWarning: () => undefined };

beforeAll(async () => {
  await tf.setBackend('cpu');
  seeds = await makeSeeds();
});

/** What happens to the shard: its bytes change, it goes missing, or it comes under another name. */
type ShardChange =
  | { kind: 'bytes'; mutations: ByteMutation[] }
  | { kind: 'missing' }
  | { kind: 'renamed'; name: string }
  | { kind: 'extra'; bytes: number };

const shardChange: fc.Arbitrary<ShardChange> = fc.oneof(
  {
    weight: 4,
    arbitrary: byteMutations.map((mutations) => ({ kind: 'bytes' as const, mutations })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('group1-shard2of2.bin', '../group1-shard1of1.bin', 'model.json', '')
      .map((name) => ({ kind: 'renamed' as const, name })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 64 }).map((bytes) => ({ kind: 'extra' as const, bytes })),
  },
);

function files(json: Uint8Array, change?: ShardChange): File[] {
  const list = [new File([json as BlobPart], 'model.json')];
  const { name, bytes } = seeds.shard;
  if (!change) list.push(new File([bytes as BlobPart], name));
  else if (change.kind === 'bytes')
    list.push(new File([applyBytes(bytes, change.mutations) as BlobPart], name));
  else if (change.kind === 'renamed') list.push(new File([bytes as BlobPart], change.name));
  else if (change.kind === 'extra')
    list.push(new File([bytes as BlobPart, new Uint8Array(change.bytes)], name));
  return list;
}

describe('fuzz: tfjs model.json + shards', () => {
  it('a mutated model.json (manifest, topology) loads or fails typed', async () => {
    const runs = 900;
    const { tally, failures } = await fuzz(jsonFileMutation, runs, (m) => {
      const json = applyJsonFile(seeds.tfjsJson, m);
      return checkLoad(
        () => loadModel(files(json), quiet),
        () => show(m),
      );
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('a shard of the wrong size, missing, renamed or corrupted loads or fails typed', async () => {
    const runs = 500;
    const json = new TextEncoder().encode(seeds.tfjsJson);
    const { tally, failures } = await fuzz(shardChange, runs, (change) => {
      return checkLoad(
        () => loadModel(files(json, change), quiet),
        () => show(change),
      );
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);
});
