import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import '@framewise/layers';
import type { Model } from '@framewise/core';
import { unzipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../index.js';
import { kerasZipBytes } from '../lib/formats/keras-zip.js';
import type { H5WriteGroup } from '../lib/hdf5.js';
import {
  BIAS,
  craftedModel,
  craftedTopology,
  kerasArchive,
  KERNEL,
  lattice,
  loopToRoot,
  manyGroups,
  secretFile,
  softLoop,
  weightsWithLinks,
  type Link,
} from '../lib/testing/crafted-hdf5.test-helpers.js';
import { craftZip, type CraftedEntry } from '../lib/testing/crafted-zip.test-helpers.js';
import { checkLoad, fuzz } from './outcome.test-helpers.js';
import { show } from './mutations.test-helpers.js';

// Hostile structures rather than damaged bytes: HDF5 links, zip archives whose local
// headers disagree with their central directory, and deeply nested JSON. Beyond the
// contract every fuzz spec checks (a model or a typed error, no hang, no leak), each case
// has an oracle: what must be refused, and the values what loads must have.

const quiet = { onWarning: () => undefined, limits: { hdf5ReadMs: 2000 } };
let dir: string;
let secret: string;
let m: Model;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'framewise-fuzz-crafted-'));
  secret = join(dir, 'secret.h5');
  writeFileSync(secret, await secretFile());
  m = craftedModel();
});
afterAll(() => {
  m.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one load under the fuzz contract, keeping its error or its first two weights. */
async function observe(
  load: () => Promise<Model>,
  describeCase: () => string,
): Promise<{ error?: Error; weights?: number[][] }> {
  const seen: { error?: Error; weights?: number[][] } = {};
  await checkLoad(async () => {
    try {
      const loaded = await load();
      seen.weights = loaded.weights.slice(0, 2).map((w) => Array.from(w.value.dataSync()));
      return loaded;
    } catch (e) {
      seen.error = e as Error;
      throw e;
    }
  }, describeCase);
  return seen;
}

type LinkChoice = 'none' | 'soft' | 'hard' | 'external' | 'dangling' | 'soft-through-external';
type Extra = 'loop' | 'soft-loop' | 'lattice' | 'many';

const linkCase = fc.record({
  layout: fc.constantFrom('keras2' as const, 'keras3' as const),
  kernel: fc.constantFrom<LinkChoice>(
    'none',
    'soft',
    'hard',
    'external',
    'dangling',
    'soft-through-external',
  ),
  bias: fc.constantFrom<LinkChoice>('none', 'soft', 'hard', 'external'),
  extras: fc.uniqueArray(fc.constantFrom<Extra>('loop', 'soft-loop', 'lattice', 'many'), {
    maxLength: 2,
  }),
  size: fc.integer({ min: 1, max: 30 }),
});

function link(choice: LinkChoice): Link | undefined {
  if (choice === 'none') return undefined;
  if (choice === 'soft' || choice === 'hard') return { kind: choice, target: 'stash' };
  if (choice === 'external') return { kind: 'external', file: secret, path: '/secret' };
  if (choice === 'dangling') return { kind: 'soft', target: '/nowhere/kernel' };
  return { kind: 'soft', target: '/outside/secret' };
}

describe('fuzz: crafted files', () => {
  it('HDF5 link structures: external links refused, links inside followed, loops bounded', async () => {
    const { tally, failures } = await fuzz(linkCase, 150, async (c) => {
      const paths = {
        keras2: ['/dense_1/dense_1/kernel:0', '/dense_1/dense_1/bias:0'],
        keras3: ['/layers/dense/vars/0', '/layers/dense/vars/1'],
      }[c.layout];
      const extra = (root: H5WriteGroup): void => {
        if (c.kernel === 'soft-through-external') root.create_external_link(secret, '/', 'outside');
        if (c.extras.includes('loop')) loopToRoot(root);
        if (c.extras.includes('soft-loop')) softLoop(root);
        if (c.extras.includes('lattice')) lattice(c.size)(root);
        if (c.extras.includes('many')) manyGroups(c.size)(root);
      };
      const weights = await weightsWithLinks(
        m,
        c.layout,
        (p) => (p === paths[0] ? link(c.kernel) : p === paths[1] ? link(c.bias) : undefined),
        extra,
      );
      const load =
        c.layout === 'keras2'
          ? () => loadModel(craftedTopology(m), { ...quiet, weights })
          : () => loadModel(kerasArchive(m, weights), quiet);
      const seen = await observe(load, () => show(c));
      const external = [c.kernel, c.bias].some((x) => x.includes('external'));
      const loops = c.extras.some((e) => e === 'loop' || e === 'soft-loop');
      const mustRefuse = external || loops || c.kernel === 'dangling';
      // With a loop in the file too, whichever the walk meets first is the reason given.
      if (external && !loops && !/external link/.test(seen.error?.message ?? '')) {
        throw new Error(
          `an external link was not refused as one: ${seen.error?.message ?? 'loaded'}`,
        );
      }
      if (mustRefuse && !seen.error) throw new Error('loaded a file that must be refused');
      if (!mustRefuse && JSON.stringify(seen.weights) !== JSON.stringify([KERNEL, BIAS])) {
        throw new Error(`wrong outcome: ${seen.error?.message ?? JSON.stringify(seen.weights)}`);
      }
      return seen.error ? 'refused' : 'loaded';
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 60_000);

  it('zip local headers that disagree with the central directory are refused; unlisted entries are ignored', async () => {
    const listed = Object.entries(unzipSync(await kerasZipBytes(m))).map(
      ([name, data]): CraftedEntry => ({ name, data }),
    );
    const tamper = fc.record({
      entry: fc.nat(),
      field: fc.constantFrom('none', 'name', 'size', 'crc', 'method', 'data', 'pointer'),
      hidden: fc.boolean(),
      value: fc.integer({ min: 1, max: 0xffff }),
    });
    const { tally, failures } = await fuzz(tamper, 150, async (t) => {
      const i = t.entry % listed.length;
      const target = listed[i]!;
      const local: CraftedEntry['local'] = {
        none: undefined,
        name: { name: `${target.name}${String.fromCharCode(97 + (t.value % 26))}` },
        size: { size: target.data.length + t.value },
        crc: { crc: t.value },
        method: { method: 8 },
        data: { data: new Uint8Array(target.data.length).fill(t.value & 0xff) },
        pointer: undefined,
      }[t.field];
      const entries = listed.map((e, j) => (j === i && local ? { ...e, local } : e));
      if (t.field === 'pointer') entries.push({ ...target, name: `copy-${t.value}`, at: i });
      const hidden = t.hidden ? [{ name: 'config.json', data: new Uint8Array([123, 125]) }] : [];
      const bytes = craftZip(entries, hidden);
      const seen = await observe(
        () => loadModel(bytes, quiet),
        () => show(t),
      );
      const tampered = t.field !== 'none' && !(t.field === 'data' && target.data.length === 0);
      if (tampered && !seen.error) throw new Error('loaded an archive whose headers disagree');
      if (!tampered && JSON.stringify(seen.weights) !== JSON.stringify([KERNEL, BIAS])) {
        throw new Error(`did not load the listed model: ${seen.error?.message ?? ''}`);
      }
      return seen.error ? 'refused' : 'loaded';
    });
    expect(failures).toEqual([]);
    expect(tally.loaded).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  }, 60_000);

  it('JSON nested past limits.maxJsonDepth anywhere in a topology is refused by that limit', async () => {
    const topology = JSON.parse(new TextDecoder().decode(craftedTopology(m))) as unknown;
    const places = (root: unknown): [Record<string | number, unknown>, string | number][] => {
      const out: [Record<string | number, unknown>, string | number][] = [];
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        for (const [k, v] of Object.entries(node)) {
          out.push([node as Record<string, unknown>, Array.isArray(node) ? Number(k) : k]);
          walk(v);
        }
      };
      walk(root);
      return out;
    };
    const depthOf = (root: unknown): number => {
      let max = 0;
      const stack: [unknown, number][] = [[root, 1]];
      for (let item = stack.pop(); item; item = stack.pop()) {
        const [node, d] = item;
        if (node === null || typeof node !== 'object') continue;
        max = Math.max(max, d);
        for (const v of Object.values(node)) stack.push([v, d + 1]);
      }
      return max;
    };
    const deep = fc.record({ place: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }) });
    const { tally, failures } = await fuzz(deep, 200, async (c) => {
      const doc = structuredClone(topology);
      const all = places(doc);
      const [parent, key] = all[c.place % all.length]!;
      let value: unknown = [];
      for (let i = 1; i < c.depth; i++) value = [value];
      parent[key] = value;
      const depth = depthOf(doc);
      const bytes = new TextEncoder().encode(JSON.stringify(doc));
      const seen = await observe(
        () => loadModel(bytes, quiet),
        () => `${show(c)} (depth ${depth})`,
      );
      const byLimit = /limits\.maxJsonDepth \(100\)/.test(seen.error?.message ?? '');
      if (byLimit !== depth > 100) {
        throw new Error(`depth ${depth}: ${seen.error?.message ?? 'loaded'}`);
      }
      return seen.error ? 'refused' : 'loaded';
    });
    expect(failures).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
  }, 60_000);
});
