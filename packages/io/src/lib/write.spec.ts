import * as tf from '@tensorflow/tfjs-core';
import { resetNames, sequential, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, ModelFileError, saveModel, writeFilesAtomically } from '../index.js';

// Failures injected through the real filesystem: a directory where a file must go makes
// that file's rename fail after the files before it were already moved in.

let dir: string;
beforeEach(() => {
  resetNames();
  dir = mkdtempSync(join(tmpdir(), 'framewise-write-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('writeFilesAtomically', () => {
  it('puts every previous file back when a rename in the middle fails, and says so', async () => {
    const [a, b, c] = ['a.json', 'b.bin', 'c.bin'].map((n) => join(dir, n)) as [
      string,
      string,
      string,
    ];
    writeFileSync(a, 'old a');
    mkdirSync(join(b, 'inside'), { recursive: true });
    writeFileSync(c, 'old c');
    const failure = writeFilesAtomically([
      { path: a, bytes: bytes('new a') },
      { path: b, bytes: bytes('new b') },
      { path: c, bytes: bytes('new c') },
    ]);
    await expect(failure).rejects.toThrow(ModelFileError);
    await expect(failure).rejects.toThrow(`${b}: cannot write (`);
    await expect(failure).rejects.toThrow(
      `no file was replaced: ${a}, ${b}, ${c} are as before, and no temporary file is left`,
    );
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readFileSync(c, 'utf8')).toBe('old c');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.bin', 'c.bin']);
    expect(readdirSync(b)).toEqual(['inside']);
  });

  it('removes the files it created when a later one fails, naming what was not created', async () => {
    const [a, b] = ['new.json', 'blocked'].map((n) => join(dir, n)) as [string, string];
    mkdirSync(join(b, 'inside'), { recursive: true });
    await expect(
      writeFilesAtomically([
        { path: a, bytes: bytes('new a') },
        { path: b, bytes: bytes('new b') },
      ]),
    ).rejects.toThrow(`no file was replaced: ${b} is as before; ${a} was not created`);
    expect(readdirSync(dir)).toEqual(['blocked']);
  });

  it('refuses a path named twice, writing nothing', async () => {
    const a = join(dir, 'a');
    await expect(
      writeFilesAtomically([
        { path: a, bytes: bytes('1') },
        { path: a, bytes: bytes('2') },
      ]),
    ).rejects.toThrow(`${a}: named twice in one save; nothing was written`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces every file and leaves nothing else', async () => {
    const [a, b] = ['a', 'b'].map((n) => join(dir, n)) as [string, string];
    writeFileSync(a, 'old a');
    expect(
      await writeFilesAtomically([
        { path: a, bytes: bytes('new a') },
        { path: b, bytes: bytes('new b') },
      ]),
    ).toEqual([a, b]);
    expect(readFileSync(a, 'utf8')).toBe('new a');
    expect(readFileSync(b, 'utf8')).toBe('new b');
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });
});

describe('a tfjs save that fails among its shards', () => {
  const make = (value: number): Model => {
    const m = sequential({ layers: [dense({ units: 64, inputShape: [32] }), dense({ units: 4 })] });
    for (const l of m.layers) l.setWeights(l.getWeights().map((w) => tf.fill(w.shape, value)));
    return m;
  };

  it('keeps the previous model loadable with its numbers, and no new shard stays', async () => {
    const target = join(dir, 'web');
    const old = make(1);
    await saveModel(old, target, { format: 'tfjs' });
    const oldFiles = readdirSync(target).sort();
    // The new save has three shards; the place of the last one is taken by a directory.
    mkdirSync(join(target, 'group1-shard3of3.bin'));
    const next = make(2);
    const failure = saveModel(next, target, { format: 'tfjs', shardBytes: 4096 });
    await expect(failure).rejects.toThrow(ModelFileError);
    await expect(failure).rejects.toThrow(
      /group1-shard3of3\.bin: cannot write \(.*\); no file was replaced: .*model\.json .*as before; .*group1-shard1of3\.bin, .*group1-shard2of3\.bin were not created/,
    );
    expect(readdirSync(target).sort()).toEqual([...oldFiles, 'group1-shard3of3.bin'].sort());
    const loaded = await loadModel(join(target, 'model.json'));
    const x = tf.ones([1, 32]);
    const [a, b] = [old.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    [old, next, loaded].forEach((m) => m.dispose());
  });
});
