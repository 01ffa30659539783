import { basename } from 'node:path';
import { FramewiseError, modelFromJSON, type Model } from '@framewise/core';
// Importing the catalog registers every layer class a model file may name.
import '@framewise/layers';
import { renderSummary, summarize } from '@framewise/summary';
import { startBackend } from '../lib/engine.js';
import type { Io } from '../lib/io.js';
import { LOADABLE_FORMATS, ModelFileError, readModelFile } from '../lib/model-file.js';
import { SUMMARY_USAGE, type SummaryArgs } from './summary-args.js';

// Malformed JSON can trip the reader before it can say what is wrong; the user still
// gets one line about their file rather than a stack trace.
function build(json: unknown, file: string): Model {
  try {
    return modelFromJSON(json as Parameters<typeof modelFromJSON>[0]);
  } catch (e) {
    if (e instanceof FramewiseError) throw e;
    throw new ModelFileError(
      `'${basename(file)}' is JSON but not a model Framewise can build (${(e as Error).message}); ` +
        `files that load today: ${LOADABLE_FORMATS}`,
    );
  }
}

/**
 * `framewise summary <model file>`: loads the model's topology and prints its
 * summary in the chosen style, one line at a time on stdout; errors are one
 * line on stderr. Returns the exit code.
 */
export async function summary(args: SummaryArgs, io: Io): Promise<number> {
  if (args.help) {
    io.out(SUMMARY_USAGE);
    return 0;
  }
  const json = await readModelFile(args.file);
  // The layers' weights need a backend, but nothing is computed: which one is no news.
  await startBackend(args.backend, { out: io.out, err: () => undefined });
  const model = build(json, args.file);
  try {
    const data = summarize(model, args.inputShapes ? { inputShapes: args.inputShapes } : {});
    const { style, depth, columns, lineLength, layerRange } = args;
    renderSummary(data, { style, depth, columns, lineLength, layerRange }).forEach((line) =>
      io.out(line),
    );
  } finally {
    // The layers were built with fresh weights only to be counted.
    model.dispose();
  }
  return 0;
}
