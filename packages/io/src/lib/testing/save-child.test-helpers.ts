/**
 * A real Node process that saves a model, for the tests that kill a save
 * midway (save-interrupt.spec.ts). Run with tsx:
 *   node --conditions=@framewise/source --import tsx save-child.test-helpers.ts
 *     <target> <format> <value> [--kill-after-rename=K] [--loop] [--exit-on-sigterm]
 * The model's weights are all `value` (the next save in a loop uses the other of 1
 * and 2), so a reader can tell an old, a new and a mixed set apart.
 * `--kill-after-rename=K` sends the process SIGKILL right after the K-th rename it
 * makes (whichever fs API makes it): a kill at an exact moment of the real save.
 * Prints `saved <value>` after each completed save.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { sequential, type Model } from '@framewise/core';
import { dense } from '@framewise/layers';
import { saveModel } from '../../index.js';

tf.env().set('IS_TEST', true);

/** About 800 000 weights (3 MB), every one `value`. */
function filledModel(value: number): Model {
  const m = sequential({
    layers: [dense({ units: 512, inputShape: [1024] }), dense({ units: 512 }), dense({ units: 8 })],
  });
  for (const layer of m.layers) {
    layer.setWeights(layer.getWeights().map((w) => tf.fill(w.shape, value)));
  }
  return m;
}

/** Shard size for tfjs saves: several shards, so a save renames many files. */
const SHARD_BYTES = 600_000;

async function main(): Promise<void> {
  const [target = '', format = '', start = '1', ...flags] = process.argv.slice(2);
  const killAfter = Number(flags.find((f) => f.startsWith('--kill-after-rename='))?.split('=')[1]);
  if (killAfter > 0) {
    let renames = 0;
    const count = (): void => {
      if (++renames === killAfter) process.kill(process.pid, 'SIGKILL');
    };
    const renameSync = fs.renameSync;
    fs.renameSync = (from, to) => {
      renameSync(from, to);
      count();
    };
    const rename = fs.promises.rename;
    fs.promises.rename = async (from, to) => {
      await rename(from, to);
      count();
    };
    syncBuiltinESMExports();
  }
  // An application with its own shutdown: it ends the process itself, mid-save.
  if (flags.includes('--exit-on-sigterm')) process.on('SIGTERM', () => process.exit(3));
  let value = Number(start);
  do {
    const m = filledModel(value);
    await saveModel(m, target, {
      format: format as 'tfjs' | 'keras-json',
      shardBytes: SHARD_BYTES,
    });
    m.dispose();
    process.stdout.write(`saved ${value}\n`);
    value = 3 - value;
  } while (flags.includes('--loop'));
}

void main();
