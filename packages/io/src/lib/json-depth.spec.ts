import { input, model, resetNames } from '@framewise/core';
import { dense } from '@framewise/layers';
import { unzipSync, zipSync } from 'fflate';
import { loadModel, ModelFileError } from '../index.js';
import { kerasZipBytes } from './formats/keras-zip.js';
import { DEFAULT_LIMITS } from './limits.js';
import { parseJson } from './topology.js';

// Deeply nested JSON is refused at a documented depth, naming where, before anything
// walks it recursively (which ran out of stack: "Maximum call stack size exceeded").

const quiet = { onWarning: () => undefined };

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

function topology(): Record<string, unknown> {
  resetNames();
  const x = input({ shape: [3] });
  const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
  const json = m.toJSON() as unknown as Record<string, unknown>;
  m.dispose();
  return json;
}

/** The topology text with `deep` as the Dense layer's kernel initializer's `seed`. */
function withDeepField(json: Record<string, unknown>, deep: string): string {
  const text = JSON.stringify(json);
  return text.replace('"seed":null', `"seed":${deep}`);
}

async function refusal(load: Promise<unknown>): Promise<ModelFileError> {
  const e = await load.then(
    () => new Error('loaded'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ModelFileError);
  return e as ModelFileError;
}

describe('JSON nesting depth', () => {
  it('has a documented default', () => {
    expect(DEFAULT_LIMITS.maxJsonDepth).toBe(100);
  });

  it('accepts 100 levels and refuses 101, naming the place', () => {
    expect(() => parseJson(nested(100), 'x.json', DEFAULT_LIMITS)).not.toThrow();
    expect(() => parseJson(nested(101), 'x.json', DEFAULT_LIMITS)).toThrow(
      'x.json ([0][0][0][0][0][0][0][0]…[0][0][0]): JSON nested deeper than limits.maxJsonDepth (100) levels',
    );
  });

  it('refuses a Keras JSON topology nested 20 000 deep with a typed error and its JSON path', async () => {
    const text = withDeepField(topology(), nested(20_000));
    expect(text).toContain('[[[');
    const error = await refusal(loadModel(new TextEncoder().encode(text), quiet));
    expect(error.location).toMatch(
      /^config\.layers\[1\]\.config\.kernel_initializer\.config\.seed/,
    );
    expect(error.message).toContain('JSON nested deeper than limits.maxJsonDepth (100) levels');
  });

  it('does the same inside a .keras archive', async () => {
    resetNames();
    const x = input({ shape: [3] });
    const m = model({ inputs: x, outputs: dense({ units: 2 }).apply(x) });
    const entries = unzipSync(await kerasZipBytes(m));
    m.dispose();
    const config = new TextDecoder().decode(entries['config.json']);
    // The first "config" key is the model's own (JSON.stringify writes no spaces).
    entries['config.json'] = new TextEncoder().encode(
      config.replace('"config":{', `"deep":${nested(20_000)},"config":{`),
    );
    const error = await refusal(loadModel(zipSync(entries), quiet));
    expect(error.location).toBe('zip entry config.json: deep[0][0][0][0][0][0][0]…[0][0][0]');
  });
});
