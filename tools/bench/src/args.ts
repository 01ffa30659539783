/** Command-line options of `npm run bench`. */
import type { BackendRequest, GpuSync } from '@framewise/bench';

export interface BenchArgs {
  backends: BackendRequest[];
  /** `--backend all`: a software WebGPU adapter (SwiftShader) is skipped instead of timed. */
  allBackends: boolean;
  /** Comma-separated substrings of row ids; undefined for all rows. */
  rows: string | undefined;
  /** Also run rows on backends they are too slow for (pure-JS cpu, software WebGPU). */
  includeSlow: boolean;
  gpuSync: GpuSync;
  quick: boolean;
  /** Overrides the plan's time per variant, in ms. */
  budgetMs: number | undefined;
  out: string;
  /** `--threads 1,2`: wasm runs once per count, in Node on tfjs-backend-wasm's threaded build. */
  threads: number[] | undefined;
  /** `--parallel-read`: threaded wasm runs copy large results on every thread. */
  parallelRead: boolean;
  help: boolean;
}

export const DEFAULT_OUT = 'tools/bench/results/latest.json';

/** What `--backend all` runs, in this order. */
export const ALL_BACKENDS: readonly BackendRequest[] = ['wasm', 'cpu', 'webgpu'];

export const USAGE = `Usage: npm run bench -- [options]

  --backend <list>        comma-separated: wasm, cpu, webgpu, auto, or all (default all)
                            wasm, cpu: tfjs-backend-wasm (XNNPACK) and tfjs' pure-JS cpu backend
                            webgpu:    useBackend('webgpu') from @framewise/core: the GPU through
                                       WebGPU (Dawn in Node), or SwiftShader where there is no GPU
                            auto:      useBackend('auto') with the cpu, webgpu and cuda adapters
                                       registered; the report says which adapter and engine it took
                            all:       wasm, cpu and webgpu; webgpu is skipped (with a note) when it
                                       is unavailable or only a software adapter (SwiftShader):
                                       name it (--backend webgpu) to time SwiftShader anyway
  --rows <filter>         comma-separated substrings of row ids, e.g. dense,conv2d-2x64; the
                          training-step rows' ids start with train- (--rows train runs only them),
                          the streaming rows' with stream- (--rows stream),
                          the tfjs-layers bridge rows' with bridge- (--rows bridge),
                          the recurrent rows' with rnn-, the whole-model rows' with model-,
                          the multi-core rows' with pool- (--rows pool: wasm on one thread, its
                          threaded build and @framewise/pool, each on every core, in one run)
  --include-slow          also run rows on backends they are marked too slow for (the large rows
                          on the pure-JS cpu backend and on software WebGPU: minutes per call)
  --gpu-sync data|queue   WebGPU only: wait for each call by reading its result back with
                          await data() (default), or only for the GPU queue to drain
                          (compute only, no readback)
  --quick                 fewer repetitions (a smoke run; medians are noisier)
  --budget-ms <ms>        time per variant and row (default 1500, --quick 150)
  --threads <list>        wasm only: comma-separated thread counts, each a run of its own
                          (e.g. 1,2: one thread against two); 1 is tfjs' single-threaded
                          build, more is its threaded SIMD build (default: the cpu adapter's
                          choice, every core in Node, or FRAMEWISE_THREADS)
  --parallel-read         with --threads: runs on more than one thread copy results of 4 MiB
                          or more out of wasm memory on every thread (createCpuBackend's
                          parallelRead)
  --out <path>            where to write the JSON (default ${DEFAULT_OUT})
  --help                  this text`;

/** Thrown for bad command lines; main prints the message and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const NAMES: readonly BackendRequest[] = ['wasm', 'cpu', 'webgpu', 'auto'];

/** Parses `--backend`: a name, `all`, or a comma-separated list of names (duplicates dropped). */
export function backendsOf(value: string): { backends: BackendRequest[]; all: boolean } {
  if (value === 'all') return { backends: ALL_BACKENDS.slice(), all: true };
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = parts.filter((p) => !NAMES.includes(p as BackendRequest));
  if (parts.length === 0 || bad.length > 0) {
    throw new UsageError(
      `--backend takes wasm, cpu, webgpu, auto (comma-separated) or all, received ${JSON.stringify(value)}`,
    );
  }
  return { backends: [...new Set(parts as BackendRequest[])], all: false };
}

function positive(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a positive number`);
  return n;
}

/** Parses `--threads`: whole numbers of 1 or more, comma-separated (duplicates dropped). */
export function threadsOf(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const counts = parts.map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError(
      `--threads takes thread counts of 1 or more, comma-separated, received ${JSON.stringify(value)}`,
    );
  }
  return [...new Set(counts)];
}

/** Parses `argv` (without node and the script); accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    backends: ALL_BACKENDS.slice(),
    allBackends: true,
    rows: undefined,
    includeSlow: false,
    gpuSync: 'data',
    quick: false,
    budgetMs: undefined,
    out: DEFAULT_OUT,
    threads: undefined,
    parallelRead: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--backend': {
        const { backends, all } = backendsOf(value());
        args.backends = backends;
        args.allBackends = all;
        break;
      }
      case '--rows':
        args.rows = value();
        break;
      case '--include-slow':
        args.includeSlow = true;
        break;
      case '--gpu-sync': {
        const v = value();
        if (v !== 'data' && v !== 'queue') {
          throw new UsageError(`--gpu-sync must be data or queue, received ${JSON.stringify(v)}`);
        }
        args.gpuSync = v;
        break;
      }
      case '--budget-ms':
        args.budgetMs = positive(flag, value());
        break;
      case '--out':
        args.out = value();
        break;
      case '--threads':
        args.threads = threadsOf(value());
        break;
      case '--quick':
        args.quick = true;
        break;
      case '--parallel-read':
        args.parallelRead = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(raw)}`);
    }
  }
  if (args.parallelRead && args.threads === undefined) {
    throw new UsageError('--parallel-read needs --threads: it applies to threaded wasm runs');
  }
  return args;
}
