import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FramewiseError } from '@framewise/core';
import { NpyError, readNpy, writeNpy, type NpyArray } from './npy.js';

// Files written by real numpy (fixtures/npy/make-fixtures.py), with what numpy says they hold.
const FIXTURES = join(__dirname, '../../fixtures/npy');
interface Expected {
  descr: unknown;
  shape: number[];
  values?: number[];
  refused?: string;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  files: Record<string, Expected>;
};
const read = (name: string) => readNpy(readFileSync(join(FIXTURES, name)), name);
const readable = Object.entries(expected.files).filter(([, e]) => e.values !== undefined);

describe('readNpy on files numpy wrote', () => {
  it.each(readable)('reads %s with numpy’s shape and values', (name, e) => {
    const a = read(name);
    expect(a.shape).toEqual(e.shape);
    const descr = String(e.descr);
    const dtype = descr.includes('f') ? 'float32' : descr.includes('b') ? 'bool' : 'int32';
    expect(a.dtype).toBe(dtype);
    // float64 values are rounded to float32 exactly as Math.fround does.
    expect(Array.from(a.data)).toEqual(
      e.values!.map((v) => (dtype === 'float32' ? Math.fround(v) : v)),
    );
  });

  it.each([
    ['i8-out-of-range.npy', /value 1099511627776 at flat index 1 is outside int32's range/],
    ['fortran.npy', /Fortran order, which is not supported; save it in C order/],
    ['object.npy', /an object array \(Python pickles are never loaded\)/],
    ['structured.npy', /structured \(record\) array, which is not supported/],
    ['complex.npy', /dtype '<c8', which is not supported; supported dtypes: float32/],
  ])('refuses %s with a typed error', (name, message) => {
    expect(() => read(name)).toThrow(NpyError);
    expect(() => read(name)).toThrow(message);
    expect(() => read(name)).toThrow(FramewiseError);
  });

  it.each(['constructor', 'valueOf', '__proto__'])(
    'refuses the dtype %j, which only Object.prototype knows',
    (descr) => {
      const header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (2,), }`;
      const padded = header.padEnd(Math.ceil((header.length + 11) / 64) * 64 - 11) + '\n';
      const bytes = Buffer.concat([
        Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, padded.length, 0]),
        Buffer.from(padded, 'latin1'),
        Buffer.alloc(16),
      ]);
      expect(() => readNpy(bytes, 'x.npy')).toThrow(
        `'x.npy' holds dtype '${descr}', which is not supported; supported dtypes: float32`,
      );
    },
  );

  it('refuses files that are not .npy or are cut short, naming the file', () => {
    const good = readFileSync(join(FIXTURES, 'f4-le.npy'));
    expect(() => readNpy(Buffer.from('{"a": 1}'), 'x.npy')).toThrow(
      "'x.npy' is not a .npy file (it does not start with \\x93NUMPY)",
    );
    expect(() => readNpy(good.subarray(0, 40), 'cut.npy')).toThrow(
      "'cut.npy' is truncated inside its .npy header",
    );
    expect(() => readNpy(good.subarray(0, good.length - 1), 'cut.npy')).toThrow(
      "'cut.npy': shape (2, 3) of <f4 needs 24 bytes of data, the file has 23",
    );
    const v9 = Buffer.from(good);
    v9[6] = 9;
    expect(() => readNpy(v9, 'v9.npy')).toThrow('versions 1 to 3 are read');
  });

  it('refuses a header whose shape asks for more than the file holds before allocating', () => {
    const header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }\n";
    const bytes = Buffer.concat([
      Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]),
      Buffer.from(header, 'latin1'),
    ]);
    expect(() => readNpy(bytes, 'huge.npy')).toThrow(/needs 4000000000000000 bytes of data/);
  });
});

describe('writeNpy', () => {
  const arrays: NpyArray[] = [
    { dtype: 'float32', shape: [2, 3], data: Float32Array.from([1.5, -2, 0, 3.25, 1e-7, -0]) },
    { dtype: 'int32', shape: [3], data: Int32Array.from([-(2 ** 31), 0, 2 ** 31 - 1]) },
    { dtype: 'bool', shape: [1, 2, 1], data: Uint8Array.from([1, 0]) },
    { dtype: 'float32', shape: [], data: Float32Array.from([42]) },
    { dtype: 'float32', shape: [0, 4], data: new Float32Array(0) },
  ];

  it.each(arrays.map((a) => [`${a.dtype} [${a.shape.join(', ')}]`, a] as const))(
    'round-trips %s through its own reader',
    (_, a) => {
      const bytes = writeNpy(a);
      // The data starts on a 64-byte boundary, as numpy writes it.
      expect((10 + (bytes[8]! | (bytes[9]! << 8))) % 64).toBe(0);
      expect(readNpy(bytes)).toEqual(a);
    },
  );

  it('refuses data that does not fill the shape', () => {
    expect(() => writeNpy({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3) })).toThrow(
      'cannot write .npy: shape [2, 2] holds 4 values, data has 3',
    );
  });

  // Real numpy reading what we write: runs wherever python3 has numpy (it does on the dev image).
  const numpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
  (numpy ? it : it.skip)(
    'writes files numpy.load reads with the same dtype, shape and values',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'framewise-npy-'));
      try {
        arrays.forEach((a, i) => writeFileSync(join(dir, `${i}.npy`), writeNpy(a)));
        const script = `
import json, sys, numpy as np
out = []
for i in range(${arrays.length}):
    a = np.load(f"{sys.argv[1]}/{i}.npy")
    out.append({"dtype": str(a.dtype), "shape": list(a.shape), "values": a.ravel().astype(float).tolist()})
print(json.dumps(out))`;
        const r = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8' });
        expect(r.stderr).toBe('');
        const loaded = JSON.parse(r.stdout) as {
          dtype: string;
          shape: number[];
          values: number[];
        }[];
        expect(loaded).toEqual(
          arrays.map((a) => ({
            dtype: a.dtype === 'bool' ? 'bool' : a.dtype,
            shape: a.shape,
            values: Array.from(a.data),
          })),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
