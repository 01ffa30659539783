/**
 * `npm run generate -w @framewise/keras-applications-generator -- <folder> [--no-top]
 * [--size N] [--alpha A]`: writes `<Family>.json` for every family into the folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { APPLICATIONS } from './index.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-top': { type: 'boolean', default: false },
    size: { type: 'string' },
    alpha: { type: 'string' },
  },
});
const folder = positionals[0];
if (folder === undefined) {
  console.error('usage: generate <folder> [--no-top] [--size N] [--alpha A]');
  process.exit(2);
}
mkdirSync(folder, { recursive: true });
for (const [name, app] of Object.entries(APPLICATIONS)) {
  const size = values.size === undefined ? undefined : Math.max(Number(values.size), app.minSize);
  const json = app.build({
    includeTop: !values['no-top'],
    ...(size === undefined ? {} : { inputShape: [size, size, 3] }),
    ...(values.alpha === undefined || !app.hasAlpha ? {} : { alpha: Number(values.alpha) }),
  });
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(json));
  console.log(`${name}: ${json.config.layers.length} layers`);
}
