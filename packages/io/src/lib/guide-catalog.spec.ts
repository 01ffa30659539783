// The model-files guide lists the layer classes a file may name. The list is kept by hand for
// readers, so this checks it against the registry: a layer added to the catalog without a line
// in the guide (or a line left for a layer that went) fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredLayers } from '@framewise/core';
import '@framewise/layers';

const GUIDE = join(__dirname, '../../../../docs/guides/model-files.md');

it('the model-files guide lists exactly the layer classes that load', () => {
  const text = readFileSync(GUIDE, 'utf8');
  const block = /<!-- layer-classes:start -->([\s\S]*?)<!-- layer-classes:end -->/.exec(text)?.[1];
  expect(block).toBeDefined();
  const listed = [...(block ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
  expect(listed).toEqual([...registeredLayers()].sort());
});
