/** Command-line options of `npm run bench`. */

export type BackendName = 'wasm' | 'cpu';

export interface BenchArgs {
  backends: BackendName[];
  /** Comma-separated substrings of row ids; undefined for all rows. */
  rows: string | undefined;
  quick: boolean;
  out: string;
  help: boolean;
}

export const DEFAULT_OUT = 'tools/bench/results/latest.json';

export const USAGE = `Usage: npm run bench -- [options]

  --backend wasm|cpu|all  tfjs backends to measure (default all)
  --rows <filter>         comma-separated substrings of row ids, e.g. dense,conv2d-2x64
  --quick                 fewer repetitions (a smoke run; medians are noisier)
  --out <path>            where to write the JSON (default ${DEFAULT_OUT})
  --help                  this text`;

/** Thrown for bad command lines; main prints the message and the usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function backendsOf(value: string): BackendName[] {
  if (value === 'all') return ['wasm', 'cpu'];
  if (value === 'wasm' || value === 'cpu') return [value];
  throw new UsageError(`--backend must be wasm, cpu or all, received ${JSON.stringify(value)}`);
}

/** Parses `argv` (without node and the script); accepts `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    backends: ['wasm', 'cpu'],
    rows: undefined,
    quick: false,
    out: DEFAULT_OUT,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--backend':
        args.backends = backendsOf(value());
        break;
      case '--rows':
        args.rows = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--quick':
        args.quick = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(raw)}`);
    }
  }
  return args;
}
