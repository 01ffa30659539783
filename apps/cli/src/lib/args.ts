import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

// '-3', '-0.5', '-1e9': a value, not an option, when it follows an option that takes one.
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * Glues a negative number to the option before it (`--seed -1` becomes `--seed=-1`), so that
 * the value reaches the range check and its message, where Node's parser would refuse it as
 * "ambiguous" in three lines.
 */
function withNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    const takesValue =
      name !== undefined && Object.hasOwn(options, name) && options[name]?.type === 'string';
    if (takesValue && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/**
 * Node's `parseArgs` (strict) with the CLI's rules: any mistake becomes a one-line
 * `UsageError`, and negative numbers reach their options (`--seed -1`).
 */
export function parseCommandLine<const O extends Options>(
  argv: readonly string[],
  options: O,
  allowPositionals = true,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>> {
  try {
    return parseArgs({
      args: withNegativeValues(argv, options),
      options,
      allowPositionals,
      strict: true,
    }) as ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;
  } catch (e) {
    throw new UsageError(firstLine((e as Error).message));
  }
}

/** The first line of a message, so that every error stays one line on stderr. */
export function firstLine(message: string): string {
  return message.split('\n', 1)[0]?.trim() ?? '';
}

/** The range an integer option accepts, inclusive. */
export interface IntegerRange {
  min: number;
  max: number;
}

/**
 * An integer option's value, checked against its range; undefined when the option is absent.
 * Written in decimal digits: `1e9`, `0x10` and `2.5` are refused with the range.
 */
export function integerOption(
  value: string | undefined,
  flag: string,
  { min, max }: IntegerRange,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, received '${value}'`);
  }
  return n;
}

/** A word after the `allowed` positionals is a usage mistake naming it. */
export function noMorePositionals(positionals: readonly string[], allowed: number): void {
  const extra = positionals[allowed];
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
}
