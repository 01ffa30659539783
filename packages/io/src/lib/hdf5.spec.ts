import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelFileError } from './errors.js';
import { dataset, group, keys, readHdf5, stringListAttr, writeHdf5, type H5Group } from './hdf5.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, '../../fixtures/keras-layout', name)));

/** Everything the format readers can see of a tree: names, string attributes, datasets. */
function tree(g: H5Group): unknown {
  return Object.fromEntries(
    keys(g).map((name) => {
      const child = group(g, name);
      if (child) {
        const attrs = Object.keys(child.attrs)
          .sort()
          .map((a) => [a, stringListAttr(child, a)]);
        return [name, { attrs, children: tree(child) }];
      }
      const ds = dataset(g, name);
      return [name, ds ? { shape: ds.shape, dtype: ds.dtype, value: ds.value } : 'other'];
    }),
  );
}

describe('readHdf5', () => {
  it.each(['keras2-seq.h5', 'keras3-func.weights.h5', 'keras3-func.h5'])(
    '%s: the worker snapshot shows the same tree as h5wasm on this thread',
    async (name) => {
      const bytes = fixture(name);
      const root = (g: H5Group) => ({
        keys: keys(g),
        rootAttrs: Object.keys(g.attrs).sort(),
        tree: tree(g),
      });
      const inWorker = await readHdf5(bytes, name, root);
      const inThread = await readHdf5(bytes, name, root, { inThread: true });
      expect(inWorker).toEqual(inThread);
      expect(inWorker.keys.length).toBeGreaterThan(0);
    },
  );

  it('keeps HDF5 order for numeric names and finds `/`-separated paths', async () => {
    const bytes = await writeHdf5((root) => {
      const vars = root.create_group('layers').create_group('dense').create_group('vars');
      for (let i = 0; i < 12; i++) vars.create_dataset({ name: String(i), data: [i], shape: [1] });
    });
    const [names, ten] = await readHdf5(bytes, 'numeric.h5', (root) => {
      const vars = group(root, 'layers/dense/vars')!;
      return [keys(vars), dataset(root, 'layers/dense/vars/10')?.value];
    });
    expect(names).toEqual(['0', '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(Array.from(ten as ArrayLike<number>)).toEqual([10]);
  });

  it('refuses a dataset over the limits before reading it, and reads no values when asked not to', async () => {
    const bytes = fixture('keras3-func.weights.h5');
    const limits = resolveLimits({ maxTensorElements: 4 });
    const path = await readHdf5(bytes, 'w.h5', (root) => firstDataset(root, ''));
    const big = await readHdf5(bytes, 'w.h5', (root) => dataset(root, path)!, { limits });
    expect(big.shape!.reduce((a, b) => a * b, 1)).toBeGreaterThan(4);
    expect(() => big.value).toThrow(/exceed limits\.maxTensorElements \(4\)/);
    const bare = await readHdf5(bytes, 'w.h5', (root) => dataset(root, path)!, { values: false });
    expect(bare.shape).toEqual(big.shape);
    expect(() => bare.value).toThrow(/values not read/);
  });

  it('fails typed on bytes that are not HDF5, and keeps working after', async () => {
    const garbage = new Uint8Array(2048).fill(7);
    await expect(readHdf5(garbage, 'junk.h5', () => 1)).rejects.toThrow(ModelFileError);
    await expect(readHdf5(garbage, 'junk.h5', () => 1)).rejects.toThrow(
      /^junk\.h5: not a readable HDF5 file/,
    );
    const count = (r: H5Group) => keys(r).length;
    const good = fixture('keras2-seq.h5');
    expect(await readHdf5(good, 'ok.h5', count)).toBe(
      await readHdf5(good, 'ok.h5', count, { inThread: true }),
    );
  });

  it('serves reads started together, one at a time, each with its own result', async () => {
    const files = ['keras2-seq.h5', 'keras3-func.weights.h5', 'keras2-seq_weights.h5'];
    const read = (name: string, inThread: boolean) =>
      readHdf5(fixture(name), name, (root) => keys(root).join(','), { inThread });
    const together = await Promise.all(files.map((name) => read(name, false)));
    const oneByOne = [];
    for (const name of files) oneByOne.push(await read(name, true));
    expect(together).toEqual(oneByOne);
    expect(new Set(together).size).toBe(3);
  });

  it('has a documented default read limit that callers can lower', () => {
    expect(DEFAULT_LIMITS.hdf5ReadMs).toBe(10_000);
    expect(resolveLimits({ hdf5ReadMs: 250 }).hdf5ReadMs).toBe(250);
    expect(() => resolveLimits({ hdf5ReadMs: 0 })).toThrow(/limits\.hdf5ReadMs/);
  });
});

/** The path of the first dataset with more than 4 elements below `g`. */
function firstDataset(g: H5Group, base: string): string {
  for (const name of keys(g)) {
    const path = base ? `${base}/${name}` : name;
    const ds = dataset(g, name);
    if (ds && (ds.shape ?? []).reduce((a, b) => a * b, 1) > 4) return path;
    const child = group(g, name);
    const found = child && firstDataset(child, path);
    if (found) return found;
  }
  return '';
}
