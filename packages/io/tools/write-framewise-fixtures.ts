/**
 * Writes packages/io/fixtures/framewise/: one model saved by Framewise in each
 * format, so the tests can check that files written by this version keep
 * loading (and agree with tfjs-layers reading the tfjs copy).
 *
 * Run from the repo root: npx tsx --conditions=@framewise/source packages/io/tools/write-framewise-fixtures.ts
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { input, model, resetNames, timeDistributed } from '@framewise/core';
import { conv2d, dense, flatten, gru } from '@framewise/layers';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveModel } from '../src/index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/framewise');

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  resetNames();
  await tf.setBackend('cpu');
  // TD(Conv2D) -> TD(Flatten) -> GRU -> TD(Dense): the Mask R-CNN-like shape from the seeds.
  const x = input({ shape: [3, 6, 6, 2] });
  let y = timeDistributed(
    conv2d({
      filters: 4,
      kernelSize: 3,
      activation: 'relu',
      kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 1 } },
    }),
  ).apply(x);
  y = timeDistributed(flatten({})).apply(y);
  y = gru({
    units: 5,
    returnSequences: true,
    recurrentActivation: 'sigmoid',
    kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 2 } },
  }).apply(y);
  y = timeDistributed(
    dense({
      units: 2,
      activation: 'tanh',
      kernelInitializer: { class_name: 'GlorotUniform', config: { seed: 3 } },
    }),
  ).apply(y);
  const m = model({ inputs: x, outputs: y, name: 'framewise_fixture' });
  await saveModel(m, join(out, 'td-conv-gru.json'), { format: 'keras-json' });
  await saveModel(m, join(out, 'td-conv-gru-tfjs'), { format: 'tfjs' });
  await saveModel(m, join(out, 'td-conv-gru.keras'), { format: 'keras' });
  m.dispose();
}

void main();
