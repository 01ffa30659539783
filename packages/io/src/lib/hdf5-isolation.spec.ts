import { input, model, resetNames } from '@framewise/core';
import { dense } from '@framewise/layers';
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { saveModel } from '../index.js';

// HDF5 files are read in h5wasm's in-memory file system: reading writes nothing to the
// host, so it works for any user, and processes reading at the same time never meet.
// These run real Node processes on io's sources (through tsx).

const ROOT = join(__dirname, '../../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CHILD = join(__dirname, 'testing/load-child.test-helpers.ts');
/** `nobody`'s ids where this runs as root (CI, containers); undefined otherwise. */
const NOBODY = process.getuid?.() === 0 ? nobody() : undefined;

function nobody(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('nobody:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-h5-isolation-'));
  // Readable by the unprivileged child.
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A Dense model whose kernel (1 MiB) is all `value`, saved as to_json text and a weights .h5 in `dir`. */
async function save(name: string, value: number): Promise<{ json: string; h5: string }> {
  resetNames();
  const x = input({ shape: [512] });
  const m = model({ inputs: x, outputs: dense({ units: 512 }).apply(x) });
  m.layers[1]!.setWeights([tf.fill([512, 512], value), tf.zeros([512])]);
  const json = join(dir, `${name}.json`);
  const [h5] = await saveModel(m, json, { format: 'keras-json' });
  m.dispose();
  for (const f of [json, h5!]) chmodSync(f, 0o644);
  return { json, h5: h5! };
}

interface ChildResult {
  firsts?: number[];
  error?: string;
}

function runChild(
  args: string[],
  options: { cwd: string; uid?: number; gid?: number },
): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['--conditions=@framewise/source', CHILD, ...args],
      {
        ...options,
        env: { ...process.env, HOME: options.cwd, NODE_OPTIONS: '' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(line) as ChildResult);
        } catch {
          resolve({ error: `${error?.message ?? 'no output'}\n${stderr.slice(-2000)}` });
        }
      },
    );
  });
}

describe('reading HDF5 writes nothing to the host', () => {
  (NOBODY ? it : it.skip)(
    'loads a .h5 as an unprivileged user, leaving its working folder empty',
    async () => {
      const { json, h5 } = await save('model', 0.25);
      const cwd = mkdtempSync(join(dir, 'cwd-'));
      chownSync(cwd, NOBODY!.uid, NOBODY!.gid);
      const result = await runChild([json, h5, '2'], { cwd, ...NOBODY! });
      expect(result).toEqual({ firsts: [0.25, 0.25] });
      expect(readdirSync(cwd)).toEqual([]);
    },
    90_000,
  );

  it('two processes loading different files at once each get their own weights', async () => {
    const a = await save('a', 1);
    const b = await save('b', 2);
    const times = 20;
    // Both start reading at the same moment, once started up: their reads overlap.
    const startAt = String(Date.now() + 12_000);
    const [ra, rb] = await Promise.all([
      runChild([a.json, a.h5, String(times), startAt], { cwd: dir }),
      runChild([b.json, b.h5, String(times), startAt], { cwd: dir }),
    ]);
    expect(ra).toEqual({ firsts: Array(times).fill(1) });
    expect(rb).toEqual({ firsts: Array(times).fill(2) });
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'a_weights.h5', 'b.json', 'b_weights.h5']);
  }, 120_000);
});
