import * as tf from '@tensorflow/tfjs-core';
import { input, model, resetNames } from '@framewise/core';
import { dense } from '@framewise/layers';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, ModelFileError, saveModel } from '../index.js';

// Files a model names are read only when they are regular files, and never past the
// size the manifest declares: a named pipe would block the read forever, a link to
// /dev/zero would fill memory.

let dir: string;
let shard: string;
let json: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-special-'));
  resetNames();
  const x = input({ shape: [3] });
  const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
  const files = await saveModel(m, join(dir, 'model.json'), { format: 'tfjs' });
  m.dispose();
  json = files.find((f) => f.endsWith('.json'))!;
  shard = files.find((f) => f.endsWith('.bin'))!;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The load's typed error, or a failure after `ms` (a read that hangs). */
async function refusal(path: string, ms = 4000): Promise<ModelFileError> {
  const before = tf.memory().numTensors;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    loadModel(path, { onWarning: () => undefined }).then(
      (m) => {
        m.dispose();
        return new Error('loaded');
      },
      (e: unknown) => e,
    ),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(new Error(`no outcome after ${ms} ms`)), ms);
    }),
  ]);
  clearTimeout(timer);
  expect(outcome).toBeInstanceOf(ModelFileError);
  expect(tf.memory().numTensors).toBe(before);
  return outcome as ModelFileError;
}

const fifo = (path: string): void => {
  unlinkSync(path);
  execFileSync('mkfifo', [path]);
};

describe('special files', () => {
  it('refuses a shard that is a named pipe, at once', async () => {
    fifo(shard);
    const error = await refusal(json);
    expect(error.location).toBe('group1-shard1of1.bin');
    expect(error.message).toContain('a named pipe, not a regular file; refused');
  });

  it('refuses a model file that is a named pipe', async () => {
    fifo(json);
    const error = await refusal(json);
    expect(error.message).toContain('a named pipe, not a regular file; refused');
  });

  it('refuses a shard linked to /dev/zero', async () => {
    unlinkSync(shard);
    symlinkSync('/dev/zero', shard);
    const error = await refusal(json);
    expect(error.message).toContain('a character device, not a regular file; refused');
  });

  it('reads no more of a shard than the manifest declares', async () => {
    appendFileSync(shard, new Uint8Array(4 * 1024 * 1024));
    const error = await refusal(json);
    expect(error.location).toBe('shard group1-shard1of1.bin');
    expect(error.message).toMatch(
      /^\S+ \(shard group1-shard1of1\.bin\): shard of the wrong size: .* need 32 bytes, the shards up to group1-shard1of1\.bin hold more$/,
    );
  });
});
