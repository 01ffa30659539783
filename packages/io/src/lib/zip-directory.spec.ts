import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { unzipSync } from 'fflate';
import { loadModel, ModelFileError } from '../index.js';
import { kerasZipBytes } from './formats/keras-zip.js';
import { craftZip, type CraftedEntry } from './testing/crafted-zip.test-helpers.js';

// .keras archives are read through the central directory, as Keras reads them, and
// refused where a local header tells another story.

const quiet = { onWarning: () => undefined };

function denseModel(units: number): Model {
  resetNames();
  const x = input({ shape: [3] });
  return model({ inputs: x, outputs: dense({ units }).apply(x) });
}

/** The entries Framewise writes for a Dense model of `units` units. */
async function entriesOf(units: number): Promise<Record<string, Uint8Array>> {
  const m = denseModel(units);
  const bytes = await kerasZipBytes(m);
  m.dispose();
  return unzipSync(bytes);
}

function listed(entries: Record<string, Uint8Array>): CraftedEntry[] {
  return Object.entries(entries).map(([name, data]) => ({ name, data }));
}

async function refusal(bytes: Uint8Array): Promise<ModelFileError> {
  const before = tf.memory().numTensors;
  const outcome = await loadModel(bytes, quiet).then(
    (m) => {
      m.dispose();
      return new Error('loaded');
    },
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(ModelFileError);
  expect(tf.memory().numTensors).toBe(before);
  return outcome as ModelFileError;
}

describe('.keras central directory', () => {
  it('loads a stored archive written entry by entry', async () => {
    const m = await loadModel(craftZip(listed(await entriesOf(2))), quiet);
    expect(m.outputs[0]!.shape).toEqual([null, 2]);
    m.dispose();
  });

  it('reads the entries the directory lists, not a local entry it leaves out', async () => {
    const keras = await entriesOf(2);
    const other = await entriesOf(7);
    const bytes = craftZip(listed(keras), [
      { name: 'config.json', data: other['config.json']! },
      { name: 'model.weights.h5', data: other['model.weights.h5']! },
    ]);
    const m = await loadModel(bytes, quiet);
    // What Keras loads from this archive: the listed model, with 2 units.
    expect(m.outputs[0]!.shape).toEqual([null, 2]);
    m.dispose();
  });

  it.each([
    ['name', { name: 'config.jsoN' }, /local header disagrees .*name "config\.jsoN"/],
    ['size', { size: 3 }, /local header disagrees .*CRC or sizes/],
    ['CRC', { crc: 1 }, /local header disagrees .*CRC or sizes/],
    ['compression', { method: 8 }, /local header disagrees .*compression method 8, not 0/],
  ])('refuses a local header whose %s differs', async (_, local, message) => {
    const entries = listed(await entriesOf(2)).map((e) =>
      e.name === 'config.json' ? { ...e, local } : e,
    );
    const error = await refusal(craftZip(entries));
    expect(error.location).toBe('zip entry config.json');
    expect(error.message).toMatch(message);
  });

  it('refuses a local header whose data is not what the directory declares', async () => {
    const other = await entriesOf(7);
    const entries = listed(await entriesOf(2)).map((e) =>
      e.name === 'config.json' ? { ...e, local: { data: other['config.json']! } } : e,
    );
    const error = await refusal(craftZip(entries));
    expect(error.location).toBe('zip entry config.json');
  });

  it('refuses two directory entries that share one local entry', async () => {
    const entries = listed(await entriesOf(2));
    const config = entries.findIndex((e) => e.name === 'config.json');
    const extra: CraftedEntry = { ...entries[config]!, name: 'copy.json', at: config };
    const error = await refusal(craftZip([...entries, extra]));
    expect(error.message).toMatch(/local header disagrees .*name "config\.json"|overlaps/);
  });
});
