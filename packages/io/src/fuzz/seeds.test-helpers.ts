import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { input, model, resetNames, timeDistributed, type Model } from '@framewise/core';
import { dense, lstm } from '@framewise/layers';
import { saveModel } from '../index.js';

/** Valid files of every format, in memory: what the fuzz specs mutate. */
export interface Seeds {
  /** Keras `to_json` text written by Framewise. */
  kerasJson: string;
  /** The `save_weights` .h5 written beside it (Keras 2 layout). */
  weightsH5: Uint8Array;
  /** A tfjs `model.json` and its one shard. */
  tfjsJson: string;
  shard: { name: string; bytes: Uint8Array };
  /** A Keras 3 `.keras` zip. */
  keras: Uint8Array;
}

/** Frame features through TimeDistributed(Dense), an LSTM and a Dense head: wrapped, recurrent and plain weights. */
export function seedModel(): Model {
  resetNames();
  const x = input({ shape: [3, 4] });
  const frames = timeDistributed(dense({ units: 3 })).apply(x);
  const y = dense({ units: 1 }).apply(
    lstm({ units: 2, recurrentActivation: 'sigmoid' }).apply(frames),
  );
  return model({ inputs: x, outputs: y });
}

/** Saves the seed model in every format Framewise writes and reads the files back. */
export async function makeSeeds(): Promise<Seeds> {
  const dir = mkdtempSync(join(tmpdir(), 'framewise-fuzz-'));
  const m = seedModel();
  try {
    const json = await saveModel(m, join(dir, 'topology.json'), { format: 'keras-json' });
    const tfjs = await saveModel(m, join(dir, 'web', 'model.json'), { format: 'tfjs' });
    await saveModel(m, join(dir, 'model.keras'), { format: 'keras' });
    const h5 = json.find((f) => f.endsWith('.h5'));
    const shard = tfjs.find((f) => f.endsWith('.bin'));
    if (!h5 || !shard) throw new Error(`seed files missing: ${[...json, ...tfjs].join(', ')}`);
    return {
      kerasJson: readFileSync(join(dir, 'topology.json'), 'utf8'),
      weightsH5: new Uint8Array(readFileSync(h5)),
      tfjsJson: readFileSync(join(dir, 'web', 'model.json'), 'utf8'),
      shard: { name: basename(shard), bytes: new Uint8Array(readFileSync(shard)) },
      keras: new Uint8Array(readFileSync(join(dir, 'model.keras'))),
    };
  } finally {
    m.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An HDF5 fixture and, for a weights-only file, the topology JSON it belongs to. */
export interface H5Fixture {
  name: string;
  bytes: Uint8Array;
  topology?: Uint8Array;
}

/**
 * The HDF5 files among @framewise/io's own fixtures (Keras-written legacy `.h5`
 * models and `save_weights` files, with the `<base>.json` topology beside a
 * `<base>_weights.h5` or `<base>.weights.h5`), outside `public/`.
 */
export function fixtureH5Files(): H5Fixture[] {
  const root = join(__dirname, '../../fixtures');
  const out: H5Fixture[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry !== 'public') walk(path);
      } else if (/\.(h5|hdf5)$/i.test(entry) && statSync(path).size < 2_000_000) {
        const base = path.replace(/([._]weights)?\.(h5|hdf5)$/i, '');
        const json = `${base}.json`;
        const isWeights = /[._]weights\.(h5|hdf5)$/i.test(entry) && existsSync(json);
        out.push({
          name: path.slice(root.length + 1),
          bytes: new Uint8Array(readFileSync(path)),
          ...(isWeights ? { topology: new Uint8Array(readFileSync(json)) } : {}),
        });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
