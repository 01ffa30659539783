import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every bad command line, run through the installed bin script as users run it: the exit code
// the guide documents (2 for a usage mistake, 1 for work that failed) and one line on stderr.
const BIN = join(__dirname, '../bin/framewise.js');
const MODEL = join(__dirname, '../../../packages/io/fixtures/framewise/td-conv-gru.json');
const dir = mkdtempSync(join(tmpdir(), 'fw-cli-errors-'));
const DEEP = 20_000;
const deepArray = join(dir, 'deep.json');
const deepModel = join(dir, 'deep-model.json');
writeFileSync(deepArray, '['.repeat(DEEP) + '1' + ']'.repeat(DEEP));
writeFileSync(deepModel, '{"class_name":' + '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP) + '}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A bound that does not hold would start days of work: stop it, and fail its row.
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const RANDOM = ['--input', 'random:1,3,6,6,2'];
type Row = [string[], 1 | 2, RegExp];
const numeric = (prefix: string[], flag: string, bad: string[], range: string): Row[] =>
  bad.map((v) => [
    [...prefix, flag, v],
    2,
    new RegExp(`^framewise: ${flag} must be an integer from ${range}, received '${v}'$`),
  ]);

const ROWS: Row[] = [
  [['frobnicate'], 2, /^framewise: unknown command 'frobnicate'/],
  [['backends', '--verbose'], 2, /^framewise: Unknown option '--verbose'/],
  [['demo', '--backend', 'gpu'], 2, /^framewise: --backend must be one of auto, cpu/],
  ...numeric(['demo'], '--repeats', ['0', '-3', '1001', '1e9', 'many', '2.5'], '1 to 1000'),
  [['summary'], 2, /^framewise: summary needs a model file/],
  [['summary', MODEL, '--colour'], 2, /^framewise: Unknown option '--colour'/],
  [['summary', MODEL, '--depth'], 2, /^framewise: Option '--depth <value>' argument missing$/],
  ...numeric(['summary', MODEL], '--depth', ['-1', '101', '1e9', 'two'], '0 to 100'),
  ...numeric(['summary', MODEL], '--line-length', ['0', '-5', '39', '1e9', 'wide'], '40 to 1000'),
  [['summary', join(dir, 'missing.json')], 1, /^framewise: .*missing\.json/],
  [['summary', deepModel], 1, /^framewise: .*deep-model\.json/],
  [['predict', MODEL], 2, /^framewise: predict needs --input/],
  [['predict', MODEL, ...RANDOM, '--frobnicate'], 2, /^framewise: Unknown option/],
  ...numeric(
    ['predict', MODEL, ...RANDOM],
    '--batch-size',
    ['0', '-1', '65537', '1e9', 'x'],
    '1 to 65536',
  ),
  [['predict', MODEL, '--input', 'random:1,-3'], 2, /^framewise: --input random:SHAPE takes/],
  [
    ['predict', MODEL, '--input', join(dir, 'missing.npy'), '--backend', 'cpu'],
    1,
    /^framewise: cannot read input '.*missing\.npy': no such file$/,
  ],
  [
    ['predict', MODEL, '--input', deepArray, '--backend', 'cpu'],
    1,
    /^framewise: 'deep\.json': arrays nested more than 8 deep/,
  ],
  [['convert', MODEL], 2, /^framewise: convert needs an input and an output/],
  [['convert', MODEL, join(dir, 'x.txt')], 2, /^framewise: cannot tell the format/],
  [['convert', MODEL, join(dir, 'o.keras'), '--format', 'zip'], 2, /^framewise: --format must/],
  [['convert', join(dir, 'missing.keras'), join(dir, 'o.json')], 1, /missing\.keras/],
  ...numeric(['train-example'], '--epochs', ['0', '-1', '1001', '1e9', 'x'], '1 to 1000'),
  ...numeric(['train-example'], '--samples', ['4', '-5', '10001', '1e9'], '5 to 10000'),
  ...numeric(['train-example'], '--seed', ['-1', '4294967296', '1.5'], '0 to 4294967295'),
  [['train-example', 'extra'], 2, /^framewise: Unexpected argument 'extra'/],
  [['train-example', '--fast'], 2, /^framewise: Unknown option '--fast'/],
];

describe('framewise on bad command lines', () => {
  // Several processes at once: each spends most of its time loading tfjs.
  let results: Run[] = [];
  beforeAll(async () => {
    results = new Array<Run>(ROWS.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < ROWS.length; i = next++) {
        const row = ROWS[i];
        if (row) results[i] = await cli(row[0]);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  }, 600_000);

  it.each(ROWS.map((row, i) => [row[0].join(' '), i] as const))(
    '%s: the documented exit code and one line on stderr',
    (_, i) => {
      const [, code, message] = ROWS[i] ?? [[], 0, /$^/];
      const r = results[i];
      expect(r?.code).toBe(code);
      expect(r?.err.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
      expect(r?.out).toBe('');
    },
  );
});
