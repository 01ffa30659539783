/**
 * Run as a separate Node process by hdf5-isolation.spec.ts (through tsx, from io's
 * sources): loads `<topology.json>` with the weights file `<weights.h5>` once (so
 * that h5wasm has started), waits until the clock passes `<startAt>` (ms since the
 * epoch: processes started together then read in step), loads it `<times>` times
 * and prints one JSON line: the first kernel value of each of those loads, or the error.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@framewise/layers';
import { loadModel } from '../../index.js';

async function main(): Promise<void> {
  const [topology, weights, times, startAt] = process.argv.slice(2);
  if (topology === undefined || weights === undefined) {
    throw new Error('usage: load-child <topology.json> <weights.h5> [times]');
  }
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
  const load = () => loadModel(topology, { weights, onWarning: () => undefined });
  (await load()).dispose();
  await new Promise((resolve) =>
    setTimeout(resolve, Math.max(0, Number(startAt ?? 0) - Date.now())),
  );
  const firsts: number[] = [];
  for (let i = 0; i < Number(times ?? 1); i++) {
    const model = await load();
    const kernel = model.weights[0]?.value.dataSync();
    firsts.push(kernel?.[0] ?? NaN);
    model.dispose();
  }
  process.stdout.write(`${JSON.stringify({ firsts })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(
      `${JSON.stringify({ error: String(e instanceof Error ? e.message : e) })}\n`,
    );
    process.exit(1);
  },
);
