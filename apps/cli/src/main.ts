import { parseArgs } from 'node:util';
import { FramewiseError } from '@framewise/core';
import { demo } from './commands/demo.js';
import type { EngineName } from './lib/engine.js';
import { processIo, UsageError, type Io } from './lib/io.js';

const USAGE = `Usage: framewise <command> [options]

Commands:
  demo      the seed document's two TimeDistributed models: summaries, checks, speed against tfjs-layers

Options:
  --backend wasm|cpu   tfjs backend (default wasm)
  --json               print results as JSON
  --repeats N          timed runs per measurement (default 20)
  -h, --help           this text`;

function parse(argv: string[]): {
  command: string | undefined;
  backend: EngineName;
  json: boolean;
  repeats: number;
  help: boolean;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        backend: { type: 'string', default: 'wasm' },
        json: { type: 'boolean', default: false },
        repeats: { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.backend !== 'wasm' && values.backend !== 'cpu') {
    throw new UsageError(`--backend must be wasm or cpu, received '${values.backend}'`);
  }
  const repeats = Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new UsageError(`--repeats must be a positive integer, received '${values.repeats}'`);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
  return {
    command: positionals[0],
    backend: values.backend,
    json: values.json,
    repeats,
    help: values.help,
  };
}

/**
 * Runs the `framewise` command line and returns the exit code: 0 on success,
 * 1 when the work failed, 2 for a usage mistake. Errors are one line on stderr.
 */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const args = parse(argv);
    if (args.help || args.command === undefined) {
      (args.help ? io.out : io.err)(USAGE);
      return args.help ? 0 : 2;
    }
    if (args.command === 'demo') return await demo(args, io);
    throw new UsageError(
      `unknown command '${args.command}'; commands: demo (see framewise --help)`,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`framewise: ${e.message}`);
      return 2;
    }
    if (e instanceof FramewiseError) {
      io.err(`framewise: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
