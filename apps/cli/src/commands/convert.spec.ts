import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames, timeDistributed, useBackend, type Model } from '@framewise/core';
import { dense, lstm } from '@framewise/layers';
import { loadModel, saveModel } from '@framewise/io';
import { run } from '../main.js';
import { formatFromName } from './convert-args.js';

let dir: string;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(['convert', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

/** Frame features through an LSTM: TimeDistributed weights and recurrent ones. */
function clipModel(): Model {
  resetNames();
  const x = input({ shape: [5, 3] });
  const y = lstm({ units: 2, recurrentActivation: 'sigmoid' }).apply(
    timeDistributed(dense({ units: 4 })).apply(x),
  );
  return model({ inputs: x, outputs: y });
}

const X = () =>
  tf.tensor(
    Float32Array.from({ length: 2 * 5 * 3 }, (_, i) => Math.cos(i)),
    [2, 5, 3],
  );

function predictions(m: Model): Float32Array {
  return tf.tidy(() => (m.predict(X()) as tf.Tensor).dataSync() as Float32Array);
}

// The command activates the cpu adapter (tfjs-node, else wasm, else cpu); the models
// built here must live on the same backend for their numbers to be comparable bit for bit.
beforeAll(async () => {
  await useBackend('cpu', { log: () => undefined });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-convert-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('framewise convert', () => {
  it('carries a model and its weights through tfjs → .keras → keras-json → tfjs, same numbers', async () => {
    const original = clipModel();
    const want = predictions(original);
    await saveModel(original, join(dir, 'a', 'model.json'), { format: 'tfjs' });
    original.dispose();

    const k = await cli(join(dir, 'a', 'model.json'), join(dir, 'b.keras'));
    expect(k.code).toBe(0);
    expect(k.out).toContain(`wrote ${join(dir, 'b.keras')}`);
    expect(readFileSync(join(dir, 'b.keras')).subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04'));

    const j = await cli(join(dir, 'b.keras'), join(dir, 'c.json'), '--json');
    expect(j.code).toBe(0);
    const { format, files } = JSON.parse(j.out.join('')) as { format: string; files: string[] };
    expect(format).toBe('keras-json');
    const weights = files.find((f) => f.endsWith('.h5'));
    expect(weights).toBeDefined();

    const t = await cli(join(dir, 'c.json'), join(dir, 'd'), '--weights', weights!);
    expect(t.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'd', 'model.json'), 'utf8')) as {
      format: string;
      weightsManifest: unknown[];
    };
    expect(manifest.format).toBe('layers-model');

    for (const file of [join(dir, 'b.keras'), join(dir, 'd', 'model.json')]) {
      const m = await loadModel(file);
      expect(Array.from(predictions(m))).toEqual(Array.from(want));
      m.dispose();
    }
  });

  it('takes the format from the output name unless --format says', () => {
    expect(formatFromName('net.keras')).toBe('keras');
    expect(formatFromName('out/model.json')).toBe('tfjs');
    expect(formatFromName('out/web')).toBe('tfjs');
    expect(formatFromName('topology.json')).toBe('keras-json');
    expect(() => formatFromName('net.h5')).toThrow(/cannot tell the format from 'net\.h5'/);
  });

  it('fails on a bad input with one line, exit 1, and writes nothing', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"class_name": "Sequential", "config": {"layers": [');
    const r = await cli(join(dir, 'broken.json'), join(dir, 'out.keras'));
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^framewise: .*broken\.json/);
    expect(readdirSync(dir)).toEqual(['broken.json']);
  });

  it.each([
    [[], /convert needs an input and an output/],
    [['a.json'], /convert needs an input and an output/],
    [['a.json', 'b.json', 'c.json'], /unexpected argument 'c\.json'/],
    [['a.json', 'b.zip'], /cannot tell the format from 'b\.zip'/],
    [['a.json', 'b.json', '--format', 'onnx'], /--format must be one of keras-json, tfjs, keras/],
  ])('refuses %j as a usage mistake, exit 2', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('prints its help', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/Usage: framewise convert <input model> <output>/);
  });
});
