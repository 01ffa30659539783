import { saveModel } from '@framewise/io';
import { startBackend } from '../lib/engine.js';
import type { Io } from '../lib/terminal.js';
import { openModel } from '../lib/model-file.js';
import { CONVERT_USAGE, type ConvertArgs } from './convert-args.js';

/**
 * `framewise convert <in> <out>`: loads a model file and saves it in another
 * format; io writes each file under a temporary name first, so a failure leaves
 * no partial output. Prints the files written. Returns the exit code.
 */
export async function convert(args: ConvertArgs, io: Io): Promise<number> {
  if (args.help) {
    io.out(CONVERT_USAGE);
    return 0;
  }
  // Weights are tensors, so a backend is needed; the fastest is no news here.
  await startBackend('cpu', { out: io.out, err: () => undefined });
  const model = await openModel(args.input, io, args.weights);
  try {
    const written = await saveModel(model, args.output, { format: args.format });
    if (args.json) io.out(JSON.stringify({ format: args.format, files: written }));
    else written.forEach((file) => io.out(`wrote ${file}`));
  } finally {
    model.dispose();
  }
  return 0;
}
