import { parseArgs } from 'node:util';
import { FramewiseError } from '@framewise/core';
import { ModelFileError } from '@framewise/io';
import { backends } from './commands/backends.js';
import { demo } from './commands/demo.js';
import { convert } from './commands/convert.js';
import { parseTrainExampleArgs, trainExample } from './commands/train-example.js';
import { parseConvertArgs } from './commands/convert-args.js';
import { predict } from './commands/predict.js';
import { parsePredictArgs } from './commands/predict-args.js';
import { stream } from './commands/stream.js';
import { parseStreamArgs } from './commands/stream-args.js';
import { summary } from './commands/summary.js';
import { parseSummaryArgs } from './commands/summary-args.js';
import { parseBackend, type BackendName } from './lib/engine.js';
import { modelFileReason } from './lib/file-errors.js';
import {
  firstLine,
  integerOption,
  noMorePositionals,
  parseCommandLine,
  UsageError,
} from './lib/args.js';
import { processIo, type Io } from './lib/terminal.js';
import { terminalProgress } from './lib/progress.js';

const USAGE = `Usage: framewise <command> [options]

Commands:
  demo      TimeDistributed Dense, Conv2D (90 and 896 parameters): summaries, checks, speed
  backends  the backend adapters: which can run here, on what engine, and why not
  summary   a model file's summary (Keras JSON, .keras, .h5, tfjs model.json): see framewise summary --help
  predict   run a model file on .npy, .json or random inputs: see framewise predict --help
  stream    run a model file one step at a time, as on a live source: see framewise stream --help
  convert   save a model file in another format (keras-json, tfjs, keras): see framewise convert --help
  train-example  train a frame-sequence classifier on synthetic clips: see framewise train-example --help

Options:
  --backend NAME       the adapter: auto, cpu, webgpu, webgl (browsers only) or cuda (default
                       auto: the fastest available; FRAMEWISE_BACKEND overrides auto)
  --json               print results as JSON
  --repeats N          timed runs per measurement, 1 to 1000 (default 20)
  -h, --help           this text`;

/** Timed runs per measurement of `demo`. */
export const REPEATS_RANGE = { min: 1, max: 1000 };

const GLOBAL_OPTIONS = {
  backend: { type: 'string', default: 'auto' },
  json: { type: 'boolean', default: false },
  repeats: { type: 'string', default: '20' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Where the command name is: the first argument that is neither an option nor its value. */
function commandIndex(argv: string[]): number {
  const { tokens } = parseArgs({
    args: argv,
    options: GLOBAL_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  return tokens.find((t) => t.kind === 'positional')?.index ?? -1;
}

function parse(argv: string[]): {
  command: string | undefined;
  backend: BackendName;
  json: boolean;
  repeats: number;
  help: boolean;
} {
  const { values, positionals } = parseCommandLine(argv, GLOBAL_OPTIONS);
  const backend = parseBackend(values.backend);
  const repeats = integerOption(values.repeats, '--repeats', REPEATS_RANGE) ?? 20;
  noMorePositionals(positionals, 1);
  return {
    command: positionals[0],
    backend,
    json: values.json,
    repeats,
    help: values.help,
  };
}

/**
 * The exit code for an error, after printing it as one line on stderr: 2 for a usage mistake,
 * 1 for everything else (a typed Framewise error, or one nobody expected, named by its class).
 */
export function reportError(e: unknown, io: Io): number {
  if (e instanceof UsageError) {
    io.err(`framewise: ${firstLine(e.message)}`);
    return 2;
  }
  if (e instanceof ModelFileError) {
    io.err(`framewise: ${modelFileReason(e)}`);
    return 1;
  }
  if (e instanceof FramewiseError) {
    io.err(`framewise: ${firstLine(e.message)}`);
    return 1;
  }
  const error = e instanceof Error ? e : new Error(String(e));
  io.err(`framewise: unexpected ${error.name}: ${firstLine(error.message)}`);
  return 1;
}

/**
 * Runs the `framewise` command line and returns the exit code: 0 on success,
 * 1 when the work failed, 2 for a usage mistake. Errors are one line on stderr.
 */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    // `summary` has options of its own; the other commands share the global ones.
    const at = commandIndex(argv);
    if (argv[at] === 'summary') {
      return await summary(parseSummaryArgs(argv.filter((_, i) => i !== at)), io);
    }
    if (argv[at] === 'predict') {
      const args = parsePredictArgs(argv.filter((_, i) => i !== at));
      return await predict(args, io, terminalProgress(io));
    }
    if (argv[at] === 'stream') {
      const args = parseStreamArgs(argv.filter((_, i) => i !== at));
      return await stream(args, io, terminalProgress(io, 'Steps'));
    }
    if (argv[at] === 'convert') {
      return await convert(parseConvertArgs(argv.filter((_, i) => i !== at)), io);
    }
    if (argv[at] === 'train-example') {
      return await trainExample(parseTrainExampleArgs(argv.filter((_, i) => i !== at)), io);
    }
    const args = parse(argv);
    if (args.help || args.command === undefined) {
      (args.help ? io.out : io.err)(USAGE);
      return args.help ? 0 : 2;
    }
    if (args.command === 'demo') return await demo(args, io);
    if (args.command === 'backends') return await backends(args, io);
    throw new UsageError(
      `unknown command '${args.command}'; commands: demo, backends, summary, predict, stream, convert, train-example (see framewise --help)`,
    );
  } catch (e) {
    return reportError(e, io);
  }
}
