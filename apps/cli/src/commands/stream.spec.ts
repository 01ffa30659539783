import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, timeDistributed, useBackend, type Model } from '@framewise/core';
import { conv1d, dense, lstm } from '@framewise/layers';
import { loadModel, saveModel } from '@framewise/io';
import { run } from '../main.js';
import { readNpy, writeNpy } from '../lib/npy.js';
import type { Progress } from '../lib/progress.js';
import { stream } from './stream.js';
import { parseStreamArgs } from './stream-args.js';

let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function cli(...args: string[]) {
  const c = capture();
  const code = await run(['stream', ...args, '--backend', 'cpu'], c.io);
  return { code, out: c.out, err: c.err };
}

interface Step {
  step: number;
  ms: number;
  outputs: { shape: number[]; dtype: string; data: unknown }[];
}

/** Frames of 3 features → TimeDistributed(Dense(4)) → LSTM(5, every step) → Dense(2): causal. */
async function causalModel(returnSequences = true): Promise<{ path: string; model: Model }> {
  resetNames();
  const x = input({ shape: [null, 3] });
  const h = lstm({ units: 5, returnSequences }).apply(
    timeDistributed(dense({ units: 4, activation: 'tanh' })).apply(x),
  );
  const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(h) });
  const path = join(dir, 'causal', 'model.json');
  await saveModel(m, path, { format: 'tfjs' });
  return { path, model: m };
}

/** A convolution padded 'same' sees one step ahead: not causal. */
async function lookAheadModel(time: number | null): Promise<string> {
  resetNames();
  const x = input({ shape: [time, 3] });
  const m = model({
    inputs: x,
    outputs: conv1d({ filters: 2, kernelSize: 3, padding: 'same' }).apply(x),
  });
  const path = join(dir, 'ahead', 'model.json');
  await saveModel(m, path, { format: 'tfjs' });
  m.dispose();
  return path;
}

/** What predict gives on the first `t` steps of `x`, at its last step (or whole, for a reducing model). */
function predictSoFar(m: Model, x: tf.Tensor, t: number): number[] {
  return tf.tidy(() => {
    const y = m.predict(tf.slice(x, [0, 0], [-1, t])) as tf.Tensor;
    const last = y.rank === 3 ? tf.slice(y, [0, t - 1], [-1, 1]) : y;
    return Array.from(last.dataSync());
  });
}

const flat = (data: unknown): number[] => (data as number[]).flat(4) as number[];

const NPY = join(__dirname, '../../fixtures/npy');

beforeAll(async () => {
  await useBackend('cpu', { log: () => undefined });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-stream-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('framewise stream', () => {
  it('streams a causal model step by step, each step equal to predict on the steps so far', async () => {
    const { path, model: m } = await causalModel();
    // numpy's [2 clips, 4 steps, 3 features]
    const file = join(NPY, 'clips-2x4x3.npy');
    const r = await cli(path, '--input', file, '--json');
    expect(r.code).toBe(0);
    expect(r.err.at(-2)).toBe('framewise: streaming in exact mode: every layer is causal');
    expect(r.err.at(-1)).toMatch(
      /^framewise: streamed 4 step\(s\) of batch 2 in .* ms per step\) on /,
    );
    const steps = r.out.map((l) => JSON.parse(l) as Step);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4]);
    const a = readNpy(readFileSync(file));
    const x = tf.tensor(a.data, a.shape);
    steps.forEach((s, t) => {
      expect(s.ms).toBeGreaterThan(0);
      expect(s.outputs).toHaveLength(1);
      expect(s.outputs[0]?.shape).toEqual([2, 1, 2]);
      const want = predictSoFar(m, x, t + 1);
      flat(s.outputs[0]?.data).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
    });
    x.dispose();
    m.dispose();
  });

  it('gives a model that reduces time its output after every step', async () => {
    const { path, model: m } = await causalModel(false);
    const frames = { dtype: 'float32' as const, shape: [1, 6, 3], data: new Float32Array(18) };
    frames.data.forEach((_, i) => (frames.data[i] = Math.sin(i)));
    const file = join(dir, 'frames.npy');
    writeFileSync(file, writeNpy(frames));
    const r = await cli(path, '--input', file, '--json');
    expect(r.code).toBe(0);
    const x = tf.tensor(frames.data, frames.shape);
    r.out.forEach((line, t) => {
      const s = JSON.parse(line) as Step;
      expect(s.outputs[0]?.shape).toEqual([1, 1, 2]);
      const want = predictSoFar(m, x, t + 1);
      flat(s.outputs[0]?.data).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
    });
    x.dispose();
    m.dispose();
  });

  it('says the mode first, then one line per step with its time and values', async () => {
    const { path, model: m } = await causalModel();
    const r = await cli(path, '--input', 'random:1,3,3');
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('mode exact: every layer is causal');
    expect(r.out.slice(1)).toHaveLength(3);
    // A window asked for where none is kept is said, not silently dropped.
    const windowed = await cli(path, '--input', 'random:1,3,3', '--window', '2');
    expect(windowed.code).toBe(0);
    expect(windowed.err).toContain('framewise: --window 2 is unused: exact mode keeps no window');
    r.out
      .slice(1)
      .forEach((line, t) =>
        expect(line).toMatch(
          new RegExp(`^step ${t + 1} of 3: \\d+\\.\\d\\d ms  \\[1, 1, 2\\] -?\\d`),
        ),
      );
    m.dispose();
  });

  it('streams a model that sees later steps over a window, and says which layer', async () => {
    const path = await lookAheadModel(null);
    const r = await cli(path, '--input', 'random:1,5,3', '--window', '3');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^mode window: Conv1D 'conv1d_1' sees later steps \(padding 'same'/);
    expect(r.out.slice(1)).toHaveLength(5);
    // Without a window, an open time axis leaves the stream nothing to size it by.
    const open = await cli(path, '--input', 'random:1,5,3');
    expect(open.code).toBe(2);
    expect(open.err.at(-1)).toBe(
      "framewise: window mode needs a window: Conv1D 'conv1d_1' sees later steps (padding 'same' " +
        "lets outputs see later steps), and the model's time axis is open; pass --window N, such as --window 16",
    );
    const exact = await cli(path, '--input', 'random:1,5,3', '--mode', 'exact');
    expect(exact.code).toBe(1);
    expect(exact.err.at(-1)).toMatch(
      /^framewise: .*exact streaming is impossible: Conv1D 'conv1d_1'/,
    );
  });

  it('takes the window from a fixed time axis: each step, the model on the last 4 steps', async () => {
    const path = await lookAheadModel(4);
    const frames = { dtype: 'float32' as const, shape: [2, 6, 3], data: new Float32Array(36) };
    frames.data.forEach((_, i) => (frames.data[i] = Math.cos(i)));
    const file = join(dir, 'frames.npy');
    writeFileSync(file, writeNpy(frames));
    const r = await cli(path, '--input', file, '--json');
    expect(r.code).toBe(0);
    expect(r.err.at(-2)).toMatch(/^framewise: streaming in window mode: Conv1D/);
    const steps = r.out.map((l) => JSON.parse(l) as Step);
    expect(steps.map((s) => s.outputs[0]?.shape)).toEqual(
      Array.from({ length: 6 }, () => [2, 1, 4, 2]),
    );
    const m = await loadModel(path);
    const want = tf.tidy(() => {
      const x = tf.tensor(frames.data, frames.shape);
      return Array.from((m.predict(tf.slice(x, [0, 2], [-1, 4])) as tf.Tensor).dataSync());
    });
    flat(steps[5]?.outputs[0]?.data).forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
    m.dispose();
  });

  it('shows progress on long inputs, and leaks no tensors', async () => {
    const { path, model: m } = await causalModel();
    const seen: number[] = [];
    let finished = 0;
    const progress: Progress = { update: (d) => seen.push(d), finish: () => finished++ };
    const c = capture();
    const before = tf.memory().numTensors;
    const args = parseStreamArgs([path, '--input', 'random:1,40,3']);
    expect(await stream({ ...args, backend: 'cpu' }, c.io, () => progress)).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(finished).toBe(1);
    // Short inputs finish at a glance: no bar.
    seen.length = 0;
    const short = parseStreamArgs([path, '--input', 'random:1,4,3']);
    expect(await stream({ ...short, backend: 'cpu' }, capture().io, () => progress)).toBe(0);
    expect(seen).toEqual([]);
    m.dispose();
  });

  it.each([
    [['m.json'], 2, /stream needs --input/],
    [[], 2, /stream needs a model file/],
    [
      ['m.json', '--input', 'random:1,4,3', '--window', '0'],
      2,
      /--window must be an integer from 1 to 4096, received '0'/,
    ],
    [['m.json', '--input', 'random:1,4,3', '--window', '2.5'], 2, /--window must be an integer/],
    [
      ['m.json', '--input', 'random:1,4,3', '--mode', 'fast'],
      2,
      /--mode must be one of auto, exact, window, received 'fast'/,
    ],
    [['m.json', 'n.json', '--input', 'random:1,4,3'], 2, /unexpected argument 'n\.json'/],
  ])('refuses %j with one line, exit code %i', async (args, code, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(code);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('refuses an input without a time axis and frames of the wrong size, in one line', async () => {
    const { path, model: m } = await causalModel();
    const flatInput = await cli(path, '--input', 'random:4');
    expect([flatInput.code, flatInput.err]).toEqual([
      1,
      [
        'framewise: stream needs an input of [batch, time, ...frame], at least 2 axes; received [4]',
      ],
    ]);
    const wrong = await cli(path, '--input', 'random:1,4,5');
    expect(wrong.code).toBe(1);
    expect(wrong.err.at(-1)).toMatch(
      /^framewise: .*push\(\) expects .*with frame \(3,\), received \(1, 1, 5\)$/,
    );
    m.dispose();
  });

  it('runs from the installed bin script, drawing no progress bar into a pipe', async () => {
    const { path, model: m } = await causalModel();
    const bin = join(__dirname, '../../bin/framewise.js');
    const r = spawnSync(
      process.execPath,
      [bin, 'stream', path, '--input', 'random:2,40,3', '--json', '--backend', 'cpu'],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const steps = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Step);
    expect(steps).toHaveLength(40);
    expect(steps[39]?.outputs[0]?.shape).toEqual([2, 1, 2]);
    expect(r.stderr).toMatch(/streamed 40 step\(s\) of batch 2/);
    expect(r.stderr).not.toMatch(/\[=+/);
    m.dispose();
  }, 60_000);

  it('prints its help, listed in the command list', async () => {
    const c = capture();
    expect(await run(['stream', '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/^Usage: framewise stream <model file> --input FRAMES/);
    const all = capture();
    expect(await run(['--help'], all.io)).toBe(0);
    expect(all.out.join('\n')).toMatch(/\n {2}stream {4}run a model file one step at a time/);
  });
});
