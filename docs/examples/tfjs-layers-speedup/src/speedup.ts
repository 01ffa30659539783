/**
 * An existing tfjs-layers app, made faster by one call: its model.json is
 * read as the app reads it (`tf.loadLayersModel`), and
 * `accelerateTimeDistributed(tfl)` puts every TimeDistributed of it on the
 * merged-reshape path.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { accelerateTimeDistributed, type AccelerationHandle } from '@framewise/tfjs-layers';

/** The example model: 8 frames of 12×12 → per-frame class probabilities over 3 classes. */
export const MODEL_JSON = new URL('../model/model.json', import.meta.url);

/**
 * Reads a model.json and its weight files from disk into an IOHandler (in a
 * browser, `tf.loadLayersModel('model.json')` fetches the same files).
 */
export async function fileHandler(modelJson: URL): Promise<tf.io.IOHandler> {
  const json = JSON.parse(await readFile(modelJson, 'utf8')) as tf.io.ModelJSON;
  const groups = json.weightsManifest;
  const specs = groups.flatMap((g) => g.weights);
  const shards = await Promise.all(
    groups.flatMap((g) => g.paths).map((p) => readFile(new URL(p, modelJson))),
  );
  const bytes = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let offset = 0;
  for (const s of shards) {
    bytes.set(s, offset);
    offset += s.length;
  }
  return tf.io.fromMemory({
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: bytes.buffer,
  });
}

/** Loads the model, speeds it up, and returns both predictions of `frames` (before and after). */
export async function predictBeforeAndAfter(
  frames: tf.Tensor,
): Promise<{ before: tf.Tensor; after: tf.Tensor; handle: AccelerationHandle }> {
  const model = await tfl.loadLayersModel(await fileHandler(MODEL_JSON));
  const before = model.predict(frames) as tf.Tensor;
  // The one line: from here on every TimeDistributed calls its layer once per batch, not once per frame.
  const handle = accelerateTimeDistributed(tfl);
  const after = model.predict(frames) as tf.Tensor;
  model.dispose();
  return { before, after, handle };
}
