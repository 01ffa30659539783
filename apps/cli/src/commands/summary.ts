import { renderSummary, summarize } from '@framewise/summary';
import { startBackend } from '../lib/engine.js';
import type { Io } from '../lib/terminal.js';
import { openTopology } from '../lib/model-file.js';
import { SUMMARY_USAGE, type SummaryArgs } from './summary-args.js';

/**
 * `framewise summary <model file>`: loads the model (any format @framewise/io reads) and prints its
 * summary in the chosen style, one line at a time on stdout; errors are one
 * line on stderr. Returns the exit code.
 */
export async function summary(args: SummaryArgs, io: Io): Promise<number> {
  if (args.help) {
    io.out(SUMMARY_USAGE);
    return 0;
  }
  // The layers' weights need a backend, but nothing is computed: which one is no news.
  await startBackend(args.backend, { out: io.out, err: () => undefined });
  const model = await openTopology(args.file, io);
  try {
    const data = summarize(model, args.inputShapes ? { inputShapes: args.inputShapes } : {});
    const { style, depth, columns, lineLength, layerRange } = args;
    renderSummary(data, { style, depth, columns, lineLength, layerRange }).forEach((line) =>
      io.out(line),
    );
  } finally {
    model.dispose();
  }
  return 0;
}
