import * as tf from '@tensorflow/tfjs-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@framewise/layers';
import { loadModel } from '../index.js';

// Real processes saving real files, killed at chosen moments: the folder must always
// load as the complete previous set or the complete new one, never a mix.
const CHILD = join(__dirname, 'testing/save-child.test-helpers.ts');
const ROOT = join(__dirname, '../../../..');
const LEFTOVER = /\.(tmp|bak)-|^\.framewise-save-/;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-kill-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the child saver; `during` gets the process once it is started. */
function child(args: string[], during?: (p: ReturnType<typeof spawn>) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--conditions=@framewise/source', '--import', 'tsx', CHILD, ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
    during?.(p);
  });
}

const paths = (format: 'tfjs' | 'keras-json') =>
  format === 'tfjs'
    ? { target: join(dir, 'web'), load: [join(dir, 'web/model.json')] as const }
    : { target: join(dir, 'model.json'), load: [join(dir, 'model.json')] as const };

/** 'old' (every weight 1), 'new' (every weight 2) or what else the folder holds. */
async function outcome(format: 'tfjs' | 'keras-json'): Promise<string> {
  const { load } = paths(format);
  let m;
  try {
    m = await loadModel(
      load[0],
      format === 'keras-json' ? { weights: join(dir, 'model_weights.h5') } : {},
    );
  } catch (e) {
    return `unloadable: ${(e as Error).message}`;
  }
  const seen = new Set<number>();
  for (const w of m.getWeights()) new Set(w.dataSync()).forEach((v) => seen.add(v));
  m.dispose();
  const values = [...seen].sort().join(',');
  return values === '1' ? 'old' : values === '2' ? 'new' : `mixed weights ${values}`;
}

const leftovers = (): string[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => LEFTOVER.test(n.split('/').pop() ?? ''));

describe.each(['tfjs', 'keras-json'] as const)('a %s save killed midway', (format) => {
  beforeEach(async () => {
    const first = await child([paths(format).target, format, '1']);
    expect(first.stdout).toBe('saved 1\n');
    expect(await outcome(format)).toBe('old');
  }, 120_000);

  // A kill after the first renames, and deeper in the set (tfjs: 7 files, keras-json: 2).
  it.each(format === 'tfjs' ? [1, 2, 3, 7, 13] : [1, 2, 3, 4])(
    'by SIGKILL right after rename %i leaves the complete old or new set',
    async (k) => {
      const run = await child([paths(format).target, format, '2', `--kill-after-rename=${k}`]);
      const result = await outcome(format);
      if (run.signal !== 'SIGKILL') {
        // Fewer renames than k: the save completed.
        expect(run.stdout).toBe('saved 2\n');
        expect(result).toBe('new');
      } else {
        expect(['old', 'new']).toContain(result);
      }
      expect(leftovers()).toEqual([]);
      expect(tf.memory().numTensors).toBe(0);
    },
    120_000,
  );

  it('and the next save into the folder clears what the killed one left', async () => {
    const killed = await child([paths(format).target, format, '2', '--kill-after-rename=2']);
    expect(killed.signal).toBe('SIGKILL');
    expect(leftovers()).not.toEqual([]);
    const next = await child([paths(format).target, format, '2']);
    expect(next.stdout).toBe('saved 2\n');
    expect(leftovers()).toEqual([]);
    expect(await outcome(format)).toBe('new');
  }, 120_000);

  /**
   * Runs a looping saver and sends `signal` as soon as a temporary file appears (mid-write).
   * The folder is watched as well as polled: on a busy machine a poll alone could miss every
   * short-lived temporary file, and the saver then looped until the test timed out.
   */
  const signalWhileWriting = (signal: NodeJS.Signals, flags: string[] = []): Promise<Run> => {
    const folder = format === 'tfjs' ? join(dir, 'web') : dir;
    return child([paths(format).target, format, '2', '--loop', ...flags], (p) => {
      const stop = (): void => {
        clearInterval(poll);
        watcher.close();
      };
      const hit = (): void => {
        stop();
        p.kill(signal);
      };
      const watcher = watch(folder, (_, name) => {
        if (name?.includes('.tmp-')) hit();
      });
      const poll = setInterval(() => {
        if (readdirSync(folder).some((n) => n.includes('.tmp-'))) hit();
      }, 1);
      p.on('exit', stop);
    });
  };

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'by %s while files are written: the signal still ends it, and no temporary file stays',
    async (signal) => {
      const run = await signalWhileWriting(signal);
      expect(run.signal).toBe(signal);
      expect(leftovers()).toEqual([]);
      expect(['old', 'new']).toContain(await outcome(format));
    },
    120_000,
  );

  it('by an application SIGTERM listener calling process.exit(): no temporary file stays', async () => {
    const run = await signalWhileWriting('SIGTERM', ['--exit-on-sigterm']);
    expect(run.code).toBe(3);
    expect(leftovers()).toEqual([]);
    expect(['old', 'new']).toContain(await outcome(format));
  }, 120_000);

  it('by SIGKILL at timed moments of a loop of saves', async () => {
    for (const ms of [2500, 3200]) {
      const run = await child([paths(format).target, format, '2', '--loop'], (p) => {
        setTimeout(() => p.kill('SIGKILL'), ms);
      });
      expect(run.signal).toBe('SIGKILL');
      expect(['old', 'new']).toContain(await outcome(format));
      expect(leftovers()).toEqual([]);
    }
  }, 120_000);
});
