import { ConfigError, UnknownLayerError } from '@framewise/core';
import type { ModelFileError } from '@framewise/io';
import { firstLine } from './args.js';

/** Where users read what loads, and how to add a layer. */
const MODEL_FILES_GUIDE = 'docs/guides/model-files.md';
const PLUGIN_GUIDE = 'docs/guides/writing-a-layer-plugin.md';

/**
 * A model file that cannot load, said in one line with what to do: the first layer class
 * Framewise lacks, or the first option value it cannot compute, with its place in the file.
 * Other errors keep io's own message.
 */
export function modelFileReason(e: ModelFileError): string {
  const where = `${e.file}${e.location === undefined ? '' : ` (${e.location})`}`;
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof UnknownLayerError) {
    return (
      `${where}: the layer class ${cause.className} is not one Framewise has. ` +
      `Replace the layer before saving the model, or load the file from code with a layer ` +
      `plugin for it registered (${PLUGIN_GUIDE}); ${MODEL_FILES_GUIDE} lists what loads`
    );
  }
  if (cause instanceof ConfigError && cause.layerName !== undefined) {
    return (
      `${firstLine(e.message)}. Change this option before saving the model; ` +
      `${MODEL_FILES_GUIDE} lists the layers and options that load`
    );
  }
  return firstLine(e.message);
}
