// Every layer of the catalog, in a model, through every file format @framewise/io writes and
// reads (Keras JSON with its weights file, tfjs model.json with shards, Keras 3 .keras): the
// model loaded back predicts exactly what the saved one did, and has the same config.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { at, type Model } from '@framewise/core';
import { loadModel, saveModel } from '@framewise/io';
import { firstShapes } from './lib/layer-kit/kit-inputs.js';
import { catalog } from './testing/layer-catalog/catalog.test-helpers.js';
import { buildModel, inputValues, seedWeights } from './testing/fit-step/fit-step.test-helpers.js';

const FORMATS = [
  ['keras-json', 'model.json'],
  ['tfjs', 'tfjs/model.json'],
  ['keras', 'model.keras'],
] as const;

const KERAS3_REFUSAL = /uses Keras 2's hard_sigmoid .*save as 'keras-json' or 'tfjs' instead/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'framewise-catalog-formats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tfjs files write `L1` and `L2` as the `L1L2` they equal, the only one tfjs-layers reads. */
function asL1L2(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asL1L2);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const config = o['config'] as Record<string, unknown> | undefined;
  if (['L1', 'L2', 'L1L2'].includes(String(o['class_name'])) && config) {
    return { class_name: 'L1L2', config: { l1: config['l1'] ?? 0, l2: config['l2'] ?? 0 } };
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, asL1L2(v)]));
}

function predictions(m: Model, inputs: tf.Tensor[]): Float32Array[] {
  return tf.tidy(() => {
    const y = m.predict(inputs.length === 1 ? at(inputs, 0, 'input') : inputs);
    return (Array.isArray(y) ? y : [y]).map((t) => t.dataSync() as Float32Array);
  });
}

describe.each(catalog.map((e) => [e.title, e] as const))('%s', (title, entry) => {
  it.each(FORMATS)(
    'saves as %s and loads back with the same config and numbers',
    async (format, file) => {
      const inputs = await inputValues(entry, firstShapes(entry.spec));
      const m = buildModel(entry, inputs);
      let loaded: Model | undefined;
      try {
        await seedWeights(m);
        const target = join(dir, title.replace(/\W+/g, '_'), format, file);
        mkdirSync(dirname(target), { recursive: true });
        // Saved before predicting: a stateful layer's states move with each call.
        const saved = await saveModel(m, target, { format }).then(
          (files) => ({ files }),
          (e: unknown) => ({ error: String(e) }),
        );
        if ('error' in saved) {
          // Keras 3 has no function for Keras 2's hard_sigmoid (tfjs-layers' recurrent default).
          expect([format, saved.error]).toEqual(['keras', expect.stringMatching(KERAS3_REFUSAL)]);
          expect(JSON.stringify(m.toJSON())).toContain('"hard_sigmoid"');
          return;
        }
        const expected = predictions(m, inputs);
        loaded = await loadModel(at(saved.files, saved.files.length - 1, 'model file'), {
          // Keras JSON holds the topology; its weights are in the file saved beside it.
          ...(format === 'keras-json' ? { weights: at(saved.files, 0, 'weights file') } : {}),
          onWarning: (w) => {
            throw new Error(`unexpected warning: ${w}`);
          },
        });
        const configs = (x: Model): unknown =>
          format === 'tfjs'
            ? asL1L2(x.layers.map((l) => l.getConfig()))
            : x.layers.map((l) => l.getConfig());
        expect(configs(loaded)).toEqual(configs(m));
        const got = predictions(loaded, inputs);
        expect(got.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
      } finally {
        tf.dispose(inputs);
        m.dispose();
        loaded?.dispose();
      }
    },
  );
});
