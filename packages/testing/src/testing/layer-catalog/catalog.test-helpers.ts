import { activationEntries } from './activations.test-helpers.js';
import { attentionEntries } from './attention.test-helpers.js';
import { basicEntries } from './basic.test-helpers.js';
import { convEntries } from './conv.test-helpers.js';
import { convLstmEntries } from './conv-lstm.test-helpers.js';
import type { CatalogEntry } from './entry.test-helpers.js';
import { mergePreprocEntries } from './merge-preproc.test-helpers.js';
import { recurrentEntries } from './recurrent.test-helpers.js';
import { shapeEntries } from './shape.test-helpers.js';
import { spatialEntries } from './spatial.test-helpers.js';

/**
 * Every entry of the layer-kit catalog, shared by the kit's run and the one-fit-step training
 * conformance. A new catalog file needs only its line here.
 */
export const catalog: CatalogEntry[] = [
  ...basicEntries,
  ...spatialEntries,
  ...recurrentEntries,
  ...convLstmEntries,
  ...shapeEntries,
  ...attentionEntries,
  ...convEntries,
  ...activationEntries,
  ...mergePreprocEntries,
];
