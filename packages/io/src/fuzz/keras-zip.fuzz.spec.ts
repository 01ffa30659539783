import fc from 'fast-check';
import { unzipSync, zipSync, type Zippable } from 'fflate';
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
  type JsonFileMutation,
} from './mutations.test-helpers.js';
import { makeSeeds, type Seeds } from './seeds.test-helpers.js';

// Mutated Keras 3 .keras archives: raw bytes (headers, sizes, compressed data), and
// entry-level changes rebuilt into a valid zip (names that climb out, missing or extra
// entries, a changed config.json or weights file).
let seeds: Seeds;
let entries: Record<string, Uint8Array>;
const quiet = { onWarning: () => undefined };

beforeAll(async () => {
  await tf.setBackend('cpu');
  seeds = await makeSeeds();
  entries = unzipSync(seeds.keras);
});

type EntryChange =
  | { kind: 'rename'; entry: number; name: string }
  | { kind: 'drop'; entry: number }
  | { kind: 'add'; name: string; size: number }
  | { kind: 'config'; mutation: JsonFileMutation }
  | { kind: 'content'; entry: number; mutations: ByteMutation[] };

const entryChange: fc.Arbitrary<EntryChange> = fc.oneof(
  fc.record({
    kind: fc.constant('rename' as const),
    entry: fc.nat(),
    name: fc.constantFrom(
      '../config.json',
      '/config.json',
      'a/../../x',
      'CONFIG.JSON',
      'config.json',
      '',
    ),
  }),
  fc.record({ kind: fc.constant('drop' as const), entry: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    name: fc.constantFrom('../evil.txt', 'assets/x.bin', 'config.json.bak', 'model.weights.h5'),
    size: fc.integer({ min: 0, max: 4096 }),
  }),
  {
    arbitrary: jsonFileMutation.map((mutation) => ({ kind: 'config' as const, mutation })),
    weight: 3,
  },
  fc.record({ kind: fc.constant('content' as const), entry: fc.nat(), mutations: byteMutations }),
);

function rebuild(change: EntryChange): Uint8Array {
  const names = Object.keys(entries).sort();
  const files: Zippable = {};
  for (const name of names) files[name] = entries[name]!;
  const pick = (i: number) => names[i % names.length]!;
  if (change.kind === 'rename') {
    const from = pick(change.entry);
    const data = files[from]!;
    delete files[from];
    files[change.name] = data;
  } else if (change.kind === 'drop') delete files[pick(change.entry)];
  else if (change.kind === 'add') files[change.name] = new Uint8Array(change.size).fill(7);
  else if (change.kind === 'config') {
    const text = new TextDecoder().decode(entries['config.json']);
    files['config.json'] = applyJsonFile(text, change.mutation);
  } else files[pick(change.entry)] = applyBytes(entries[pick(change.entry)]!, change.mutations);
  return zipSync(files);
}

describe('fuzz: .keras zip', () => {
  it('the seed archive holds what Keras 3 writes', () => {
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['config.json', 'model.weights.h5']),
    );
  });

  it('raw byte changes to the archive load or fail typed', async () => {
    const runs = 400;
    const { tally, failures } = await fuzz(byteMutations, runs, (m) => {
      const bytes = applyBytes(seeds.keras, m);
      return checkLoad(
        () => loadModel(bytes, quiet),
        () => show(m),
      );
    });
    expect(failures).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('entry names, missing or extra entries and changed contents load or fail typed', async () => {
    const runs = 500;
    const { tally, failures } = await fuzz(entryChange, runs, (change) => {
      const bytes = rebuild(change);
      return checkLoad(
        () => loadModel(bytes, quiet),
        () => show(change),
      );
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 120_000);

  it('refuses an entry name that climbs out of the archive', async () => {
    const bytes = rebuild({ kind: 'add', name: '../evil.txt', size: 3 });
    await expect(loadModel(bytes, quiet)).rejects.toThrow(/\.\.\/evil\.txt/);
  });
});
