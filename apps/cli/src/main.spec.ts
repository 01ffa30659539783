import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { run } from './main.js';
import type { DemoResult } from './commands/demo.js';

function capture(): {
  io: { out: (l: string) => void; err: (l: string) => void };
  out: string[];
  err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}

describe('framewise demo', () => {
  it('prints both tutorial models with their Keras 2.2 summaries, checks and timings', async () => {
    const c = capture();
    expect(await run(['demo', '--backend', 'cpu', '--repeats', '1'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('time_distributed_1 (TimeDist (None, 12, 10)            90        ');
    expect(text).toContain('time_distributed_1 (TimeDist (None, 12, 32, 32, 32)    896       ');
    expect(
      text.match(/equals the inner layer applied step by step: max \|diff\| = \S+ \(OK\)/g),
    ).toHaveLength(2);
    expect(text).toMatch(
      /Dense applied straight to \(None, 12, 8\): 90 params, output \(None, 12, 10\)/,
    );
    expect(text).toMatch(
      /\| TimeDistributed\(Dense\) \(32, 12, 8\) \| [\d.]+ ms \| [\d.]+ ms \| [\d.]+× \|/,
    );
  }, 120_000);

  it('gives the same findings as JSON with --json', async () => {
    const c = capture();
    expect(await run(['demo', '--json', '--backend', 'cpu', '--repeats', '1'], c.io)).toBe(0);
    const data = JSON.parse(c.out.join('\n')) as {
      backend: string;
      engine: string;
      results: DemoResult[];
    };
    expect(data.backend).toBe('cpu');
    expect(data.engine).toBe('wasm');
    expect(data.results.map((r) => [r.params, r.outputShape])).toEqual([
      [90, [32, 12, 10]],
      [896, [4, 12, 32, 32, 32]],
    ]);
    for (const r of data.results) {
      expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-4);
      expect(r.framewiseMs).toBeGreaterThan(0);
      expect(r.tfjsLayersMs).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('framewise backends', () => {
  it('tables every adapter with its engine, availability and reason', async () => {
    const c = capture();
    expect(await run(['backends'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^adapter\s+priority\s+engine\s+available\s+why$/);
    const rows = c.out.slice(1).map((l) => l.split(/\s{2,}/));
    expect(rows.map((r) => r[0])).toEqual(['cuda', 'webgpu', 'webgl', 'cpu']);
    expect(rows[0]).toEqual(expect.arrayContaining(['cuda', '300', 'no']));
    expect(c.out[1]).toMatch(/npm install @tensorflow\/tfjs-node-gpu@4\.22\.0/);
    expect(rows[2]!.slice(0, 4)).toEqual(['webgl', '150', 'webgl', 'no']);
    expect(c.out[3]).toMatch(/no WebGL context in Node/);
    expect(rows[3]!.slice(0, 4)).toEqual(['cpu', '100', 'wasm', 'yes']);
  });

  it('gives the probes as JSON with --json', async () => {
    const c = capture();
    expect(await run(['backends', '--json'], c.io)).toBe(0);
    const probes = JSON.parse(c.out.join('\n')) as {
      name: string;
      available: boolean;
      engine: string;
    }[];
    expect(probes.map((p) => [p.name, p.engine])).toEqual([
      ['cuda', 'tensorflow'],
      ['webgpu', 'webgpu'],
      ['webgl', 'webgl'],
      ['cpu', 'wasm'],
    ]);
    expect(probes.find((p) => p.name === 'cpu')!.available).toBe(true);
  });
});

describe('framewise command line', () => {
  it.each([
    [['frobnicate'], /^framewise: unknown command 'frobnicate'; commands: demo, backends/],
    [
      ['demo', '--backend', 'gpu'],
      /^framewise: --backend must be one of auto, cpu, webgpu, webgl, cuda, received 'gpu'$/,
    ],
    [
      ['demo', '--repeats', '0'],
      /^framewise: --repeats must be an integer from 1 to 1000, received '0'$/,
    ],
    [['demo', '--colour'], /^framewise: Unknown option '--colour'/],
  ])('refuses %j with one line and exit code 2', async (argv, message) => {
    const c = capture();
    expect(await run(argv, c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(message);
    expect(c.out).toEqual([]);
  });

  it('prints help with --help', async () => {
    const c = capture();
    expect(await run(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Usage: framewise <command>/);
  });

  it('exits with the code from the installed bin script', () => {
    const bin = join(__dirname, '../bin/framewise.js');
    const bad = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('demo');
  });
});
