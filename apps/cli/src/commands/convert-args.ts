import { basename, extname } from 'node:path';
import { at } from '@framewise/core';
import type { SaveFormat } from '@framewise/io';
import { noMorePositionals, parseCommandLine, UsageError } from '../lib/args.js';

/** Formats `framewise convert` writes. */
export const CONVERT_FORMATS: readonly SaveFormat[] = ['keras-json', 'tfjs', 'keras'];

/** Options of `framewise convert`. */
export interface ConvertArgs {
  input: string;
  output: string;
  format: SaveFormat;
  weights?: string;
  json: boolean;
  help: boolean;
}

/** `framewise convert --help`. */
export const CONVERT_USAGE = `Usage: framewise convert <input model> <output> [--format FORMAT]

Reads a model in any format Framewise loads and writes it in another.

Formats written:
  keras-json    Keras model.to_json() text, plus <name>_weights.h5 (Keras 2 save_weights layout)
  tfjs          TensorFlow.js model.json plus weight shards (group1-shard1of1.bin ...)
  keras         a Keras 3 .keras archive

Without --format the output's name decides: .keras is keras; model.json, a name ending in /
or a name without extension is tfjs; any other .json is keras-json.

Options:
  --format FORMAT       ${CONVERT_FORMATS.join(', ')}
  --weights FILE        a save_weights .h5 for a topology-only Keras JSON input
  --json                print the written files as JSON
  -h, --help            this text`;

/** The format an output name implies, for `convert` without `--format`. */
export function formatFromName(output: string): SaveFormat {
  const ext = extname(output).toLowerCase();
  if (ext === '.keras') return 'keras';
  if (ext === '.json')
    return basename(output).toLowerCase() === 'model.json' ? 'tfjs' : 'keras-json';
  if (ext === '' || output.endsWith('/')) return 'tfjs';
  throw new UsageError(
    `cannot tell the format from '${output}': name it .keras, .json or folder/, or give --format ${CONVERT_FORMATS.join('|')}`,
  );
}

/** Reads `framewise convert`'s arguments (those after the command name). */
export function parseConvertArgs(argv: string[]): ConvertArgs {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string' },
    weights: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return { input: '', output: '', format: 'tfjs', json: false, help: true };
  if (positionals.length < 2) {
    throw new UsageError(
      'convert needs an input and an output: framewise convert <input model> <output> (see framewise convert --help)',
    );
  }
  noMorePositionals(positionals, 2);
  const format = values.format;
  if (format !== undefined && !CONVERT_FORMATS.includes(format as SaveFormat)) {
    throw new UsageError(
      `--format must be one of ${CONVERT_FORMATS.join(', ')}, received '${format}'`,
    );
  }
  return {
    input: at(positionals, 0, 'input argument'),
    output: at(positionals, 1, 'output argument'),
    format:
      (format as SaveFormat | undefined) ?? formatFromName(at(positionals, 1, 'output argument')),
    ...(values.weights === undefined ? {} : { weights: values.weights }),
    json: values.json,
    help: false,
  };
}
