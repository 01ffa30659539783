import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, timeDistributed, useBackend, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { saveModel } from '@framewise/io';
import { run } from '../main.js';
import { readNpy } from '../lib/npy.js';
import type { Progress } from '../lib/progress.js';
import { predict } from './predict.js';
import { parsePredictArgs } from './predict-args.js';

let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function cli(...args: string[]) {
  const c = capture();
  const code = await run(['predict', ...args, '--backend', 'cpu'], c.io);
  return { code, out: c.out, err: c.err };
}

/** Frames of 3 features through TimeDistributed(Dense(2)), saved as tfjs with its weights. */
async function savedModel(): Promise<{ path: string; model: Model }> {
  resetNames();
  const x = input({ shape: [4, 3] });
  const m = model({ inputs: x, outputs: timeDistributed(dense({ units: 2 })).apply(x) });
  const path = join(dir, 'td', 'model.json');
  await saveModel(m, path, { format: 'tfjs' });
  return { path, model: m };
}

/** What the in-process model predicts: the numbers the command must print or write. */
function expected(m: Model, shape: number[], data: Float32Array): Float32Array {
  return tf.tidy(() => (m.predict(tf.tensor(data, shape)) as tf.Tensor).dataSync() as Float32Array);
}

const NPY = join(__dirname, '../../fixtures/npy');

// The command activates the cpu adapter (tfjs-node, else wasm, else cpu); the models
// built here must live on the same backend for their numbers to be comparable bit for bit.
beforeAll(async () => {
  await useBackend('cpu', { log: () => undefined });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-predict-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('framewise predict', () => {
  it('runs a saved model on a numpy-written .npy and writes .npy with the model’s own numbers', async () => {
    const { path, model: m } = await savedModel();
    const clips = join(NPY, 'clips-2x4x3.npy');
    const out = join(dir, 'y.npy');
    const r = await cli(path, '--input', clips, '--output', out);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`wrote ${out}`);
    const y = readNpy(readFileSync(out));
    expect(y.shape).toEqual([2, 4, 2]);
    const x = readNpy(readFileSync(clips));
    expect(Array.from(y.data)).toEqual(Array.from(expected(m, [2, 4, 3], x.data as Float32Array)));
    // Nothing but the output: the temporary file was renamed, not left behind.
    expect(readdirSync(dir).sort()).toEqual(['td', 'y.npy']);
    m.dispose();
  });

  it('refuses inputs of the wrong shape and writes no output file', async () => {
    const { path, model: m } = await savedModel();
    const out = join(dir, 'y.npy');
    // numpy's (2, 3) array is not [batch, 4 frames, 3 features].
    const r = await cli(path, '--input', join(NPY, 'f4-le.npy'), '--output', out);
    expect(r.code).toBe(1);
    expect(r.err.at(-1)).toMatch(/^framewise: .*expected shape \(None, 4, 3\), received \(2, 3\)/);
    expect(readdirSync(dir)).toEqual(['td']);
    m.dispose();
  });

  it('reads numpy-written .npy inputs of other dtypes (float64) and prints JSON with --json', async () => {
    resetNames();
    const x = input({ shape: [2] });
    const m = model({ inputs: x, outputs: dense({ units: 1, useBias: false }).apply(x) });
    const path = join(dir, 'm', 'model.json');
    await saveModel(m, path, { format: 'tfjs' });
    const r = await cli(path, '--input', join(NPY, 'f8.npy'), '--json');
    expect(r.code).toBe(0);
    const { outputs } = JSON.parse(r.out.join('')) as {
      outputs: { shape: number[]; dtype: string; data: number[][] }[];
    };
    const f8 = readNpy(readFileSync(join(NPY, 'f8.npy')));
    expect(outputs[0]!.shape).toEqual([2, 1]);
    expect(outputs[0]!.dtype).toBe('float32');
    expect(outputs[0]!.data.flat()).toEqual(
      Array.from(expected(m, [2, 2], f8.data as Float32Array)),
    );
    m.dispose();
  });

  it('splits random:SHAPE inputs into batches, same numbers as one pass, seeded', async () => {
    const { path, model: m } = await savedModel();
    const one = await cli(path, '--input', 'random:5,4,3', '--json');
    const three = await cli(path, '--input', 'random:5,4,3', '--json', '--batch-size', '2');
    expect(one.code).toBe(0);
    expect(three.err.at(-1)).toMatch(/predicted 5 sample\(s\) in 3 batch\(es\) of up to 2/);
    const a = (JSON.parse(one.out.join('')) as { outputs: { data: number[][][] }[] }).outputs[0]!;
    const b = (JSON.parse(three.out.join('')) as { outputs: { data: number[][][] }[] }).outputs[0]!;
    const flatA = a.data.flat(2);
    const flatB = b.data.flat(2);
    expect(flatA).toHaveLength(5 * 4 * 2);
    flatA.forEach((v, i) => expect(Math.abs(v - flatB[i]!)).toBeLessThan(1e-6));
    m.dispose();
  });

  it('reports each finished batch to the progress display, and leaks no tensors', async () => {
    const { path, model: m } = await savedModel();
    const seen: [number, number][] = [];
    let finished = 0;
    const progress: Progress = { update: (d, t) => seen.push([d, t]), finish: () => finished++ };
    const c = capture();
    const before = tf.memory().numTensors;
    const args = parsePredictArgs([path, '--input', 'random:7,4,3', '--batch-size', '3']);
    expect(await predict({ ...args, backend: 'cpu' }, c.io, () => progress)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(finished).toBe(1);
    expect(c.out[0]).toMatch(/^output 1 of 1: shape \[7, 4, 2\] float32, min .*, max .*, mean /);
    m.dispose();
  });

  it('writes .json outputs holding what --json prints', async () => {
    const { path, model: m } = await savedModel();
    const out = join(dir, 'y.json');
    expect((await cli(path, '--input', 'random:2,4,3', '--output', out)).code).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { outputs: { shape: number[] }[] };
    expect(written.outputs[0]!.shape).toEqual([2, 4, 2]);
    const r = await cli(path, '--input', 'random:2,4,3', '--json');
    expect(JSON.parse(r.out.join(''))).toEqual(written);
    m.dispose();
  });

  it.each([
    [['m.json'], 2, /predict needs --input/],
    [[], 2, /predict needs a model file/],
    [
      ['m.json', '--input', 'x.csv'],
      2,
      /--input takes a \.npy file, a \.json file or random:SHAPE/,
    ],
    [['m.json', '--input', 'random:4,-1'], 2, /random:SHAPE takes 1 to 8 positive sizes/],
    [
      ['m.json', '--input', 'random:2', '--batch-size', '0'],
      2,
      /--batch-size must be an integer from 1 to 65536/,
    ],
    [
      ['m.json', '--input', 'random:2', '--output', 'y.txt'],
      2,
      /--output must end in \.npy or \.json/,
    ],
  ])('refuses %j with one line, exit code %i', async (args, code, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(code);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('says which file is bad: a missing model, a broken .npy, a ragged .json', async () => {
    const { path, model: m } = await savedModel();
    const missing = await cli(join(dir, 'nope.json'), '--input', 'random:1,4,3');
    expect(missing.code).toBe(1);
    expect(missing.err.at(-1)).toMatch(/nope\.json/);
    writeFileSync(join(dir, 'cut.npy'), readFileSync(join(NPY, 'f4-le.npy')).subarray(0, 140));
    const cut = await cli(path, '--input', join(dir, 'cut.npy'));
    expect([cut.code, cut.err]).toEqual([
      1,
      ["framewise: 'cut.npy': shape (2, 3) of <f4 needs 24 bytes of data, the file has 12"],
    ]);
    writeFileSync(join(dir, 'ragged.json'), '[[1, 2], [3]]');
    const ragged = await cli(path, '--input', join(dir, 'ragged.json'));
    expect(ragged.err).toEqual([
      "framewise: 'ragged.json'[1]: expected an array of 2 (the array is ragged or mixed)",
    ]);
    const fortran = await cli(path, '--input', join(NPY, 'fortran.npy'));
    expect(fortran.err[0]).toMatch(/'fortran\.npy' is in Fortran order/);
    m.dispose();
  });

  it('runs from the installed bin script, drawing no progress bar into a pipe', async () => {
    const { path, model: m } = await savedModel();
    const bin = join(__dirname, '../../bin/framewise.js');
    const r = spawnSync(
      process.execPath,
      [
        bin,
        'predict',
        path,
        '--input',
        'random:5,4,3',
        '--batch-size',
        '2',
        '--json',
        '--backend',
        'cpu',
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const { outputs } = JSON.parse(r.stdout) as { outputs: { shape: number[] }[] };
    expect(outputs[0]!.shape).toEqual([5, 4, 2]);
    expect(r.stderr).toMatch(/predicted 5 sample\(s\) in 3 batch\(es\)/);
    expect(r.stderr).not.toMatch(/\[=+/);
    m.dispose();
  }, 60_000);

  it('prints its help', async () => {
    const c = capture();
    expect(await run(['predict', '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/random:SHAPE {10}uniform values in \[0, 1\), seeded/);
  });
});
