/**
 * The benchmark on WebGPU, as one script for the GPU machine (Dawn + Vulkan on
 * the real GPU). Pack it from the project root with
 *
 *   ../shared/gpu/pack.sh tools/bench/src/gpu-entry.ts --conditions=@framewise/source
 *
 * and run `bash .gpu/run.sh [options]` there. It prints the adapter, then one
 * JSON line per row (`{"row": ...}`), then the Markdown table; it writes the
 * whole report to `--out` (default `$OUT/gpu-bench.json` when `$OUT` is set)
 * after every row, so a run cut short keeps what it measured.
 *
 * It refuses to time anything on a software adapter (SwiftShader, llvmpipe)
 * unless `--allow-software` is given: those numbers say nothing about a GPU.
 *
 * Options: --rows <filter>, --sync data,queue (completion modes, in order;
 * default both), --budget-ms <ms> (default 800), --quick, --deadline-s <s>
 * (no row starts after this; default 300), --allow-software, --include-slow (the large rows on
 * a software adapter too), --raw (tfjs-backend-webgpu registered by hand instead of through
 * Framewise's adapter, which is also the fallback when the adapter fails), --out <path>.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as os from 'node:os';
import {
  collector,
  ROWS,
  runRows,
  selectRows,
  timingPlan,
  type BackendInfo,
  type GpuSync,
  type RowResult,
  type RowSpec,
} from '@framewise/bench';
import { activateBackend } from './backend.js';
import { activateRawWebgpu } from './gpu-raw.js';
import { machineInfo } from './machine.js';
import {
  backendLine,
  memoryTable,
  METHOD,
  rowLine,
  targetLines,
  timingTable,
  type BenchReport,
} from './report.js';

interface GpuArgs {
  rows: string | undefined;
  syncs: GpuSync[];
  budgetMs: number;
  quick: boolean;
  deadlineS: number;
  allowSoftware: boolean;
  includeSlow: boolean;
  /** Skip Framewise's adapter and register tfjs-backend-webgpu by hand (the fallback path). */
  raw: boolean;
  out: string;
}

function parse(argv: readonly string[]): GpuArgs {
  const out = process.env['OUT'] ? join(process.env['OUT'], 'gpu-bench.json') : 'gpu-bench.json';
  const args: GpuArgs = {
    rows: undefined,
    syncs: ['data', 'queue'],
    budgetMs: 800,
    quick: false,
    deadlineS: 300,
    allowSoftware: false,
    includeSlow: false,
    raw: false,
    out,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      const v = eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    const number = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number`);
      return n;
    };
    switch (flag) {
      case '--rows':
        args.rows = value();
        break;
      case '--sync': {
        const syncs = value().split(',');
        if (syncs.some((s) => s !== 'data' && s !== 'queue')) {
          throw new Error('--sync takes data, queue or data,queue');
        }
        args.syncs = syncs as GpuSync[];
        break;
      }
      case '--budget-ms':
        args.budgetMs = number();
        break;
      case '--deadline-s':
        args.deadlineS = number();
        break;
      case '--quick':
        args.quick = true;
        break;
      case '--allow-software':
        args.allowSoftware = true;
        break;
      case '--include-slow':
        args.includeSlow = true;
        break;
      case '--raw':
        args.raw = true;
        break;
      case '--out':
        args.out = value();
        break;
      default:
        throw new Error(`unknown option ${JSON.stringify(raw)}`);
    }
  }
  return args;
}

/** The GPU's name, driver and memory from nvidia-smi, where there is one. */
function nvidiaSmi(): string | undefined {
  try {
    return execFileSync(
      'nvidia-smi',
      ['--query-gpu=name,driver_version,memory.total,clocks.max.sm', '--format=csv,noheader'],
      { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
  } catch {
    return undefined;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function jsonLine(kind: string, value: unknown): void {
  console.log(JSON.stringify({ [kind]: value }));
}

function save(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** The reference rows of shared/gpu/README.md first, so that a deadline cuts the small rows. */
function gpuOrder(rows: RowSpec[]): RowSpec[] {
  const large = rows.filter((r) => r.runsOn !== undefined);
  return [...large, ...rows.filter((r) => r.runsOn === undefined)];
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  const rows = gpuOrder(selectRows(args.rows));
  if (rows.length === 0)
    throw new Error(`--rows matches none of ${ROWS.map((r) => r.id).join(', ')}`);
  const machine: BenchReport['machine'] = machineInfo();
  const smi = nvidiaSmi();
  if (smi) machine.nvidiaSmi = smi;
  jsonLine('machine', machine);

  const backends: BackendInfo[] = [];
  const results: RowResult[] = [];
  const plan = timingPlan(args.quick, args.quick ? undefined : args.budgetMs);
  const report = (): BenchReport => ({
    machine,
    loadAverageEnd: os.loadavg().map((l) => Math.round(l * 100) / 100),
    backends,
    skippedBackends: [],
    quick: args.quick,
    gcBeforeSlowCalls: collector() !== null,
    method: `${METHOD} Plan: ${JSON.stringify(plan)}`,
    rows: results,
    totalSeconds: Math.round((performance.now() - started) / 100) / 10,
  });

  let adapterFailure: string | undefined = args.raw ? 'not tried (--raw)' : undefined;
  for (const sync of args.syncs) {
    // Activating again only switches the completion mode: the device and engine stay.
    let backend: BackendInfo | undefined;
    if (adapterFailure === undefined) {
      try {
        backend = await activateBackend('webgpu', sync, (m) => console.error(m));
      } catch (e) {
        adapterFailure = message(e);
        jsonLine('adapterError', adapterFailure);
      }
    }
    if (!backend) {
      try {
        backend = await activateRawWebgpu(sync, adapterFailure ?? 'unknown');
      } catch (e) {
        jsonLine('refused', `no WebGPU adapter: ${adapterFailure}; by hand: ${message(e)}`);
        return 3;
      }
    }
    jsonLine('backend', backend);
    if (backend.engineClass !== 'gpu') {
      const what = `adapter is not a hardware GPU (${backend.reason})`;
      if (!args.allowSoftware) {
        jsonLine('refused', `${what}: no numbers reported (--allow-software to time it anyway)`);
        return 3;
      }
      console.error(`warning: ${what}; timing it because of --allow-software`);
    }
    backends.push(backend);
    console.error(backendLine(backend));
    results.push(
      ...(await runRows(rows, backend, plan, {
        includeSlow: args.includeSlow,
        onRow: (r, seconds) => {
          console.error(rowLine(r, seconds));
          jsonLine('row', { ...r, seconds: Math.round(seconds * 10) / 10 });
          save(args.out, report());
        },
        stopBefore: () =>
          (performance.now() - started) / 1000 > args.deadlineS
            ? `skipped: the run passed its deadline (--deadline-s ${args.deadlineS})`
            : undefined,
      })),
    );
  }

  const final = report();
  save(args.out, final);
  console.log('');
  console.log(`GPU: ${smi ?? 'nvidia-smi not available'}`);
  for (const b of backends) console.log(`- ${backendLine(b)}`);
  console.log('');
  console.log(timingTable(results));
  const mem = memoryTable(results);
  if (mem) console.log(`\n${mem}`);
  console.log('');
  for (const line of targetLines(results)) console.log(line);
  const failed = results.filter((r) => r.error !== undefined);
  for (const r of failed) console.error(`ERROR [${r.backend}] ${r.label}: ${r.error}`);
  console.log(`\nJSON: ${args.out} (${final.totalSeconds} s)`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
