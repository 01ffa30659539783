import fc from 'fast-check';

/** Seeds every fuzz spec uses: fixed, so a failure reproduces run after run. */
export const FUZZ_SEED = 20261126;

/** One change to a byte string. */
export type ByteMutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'set'; at: number; value: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  // Header fields are where 0x00 and 0xff do the most damage (sizes, offsets, counts).
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 0xff, 0x7f, 0x80),
  }),
);

/** One to four byte-level changes. */
export const byteMutations = fc.array(byteMutation, { minLength: 1, maxLength: 4 });

/** `bytes` with the mutations applied (positions taken modulo the current length). */
export function applyBytes(bytes: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'flip') out[at]! ^= m.xor;
    else if (m.kind === 'set') out[at] = m.value;
    else if (m.kind === 'truncate') out = out.slice(0, at);
    else {
      const grown = new Uint8Array(out.length + m.bytes.length);
      grown.set(out.subarray(0, at));
      grown.set(m.bytes, at);
      grown.set(out.subarray(at), at + m.bytes.length);
      out = grown;
    }
  }
  return out;
}

/** Values that break assumptions: wrong types, negative, huge, fractional sizes. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    -1,
    0,
    1,
    2.5,
    1e9,
    2 ** 31,
    Number.MAX_SAFE_INTEGER,
    '',
    'x',
    '../../etc/passwd',
    'Lambda',
    true,
    [],
    {},
    [null],
    [1e9, 1e9],
    [-1, 3],
    { class_name: 'Lambda', config: {} },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** One change to a parsed JSON document, at a node chosen by index. */
export type JsonMutation =
  | { kind: 'replace'; node: number; value: unknown }
  | { kind: 'delete'; node: number }
  | { kind: 'rename'; node: number; suffix: string }
  | { kind: 'duplicate'; node: number };

const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), node: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant('delete' as const), node: fc.nat() }),
  fc.record({
    kind: fc.constant('rename' as const),
    node: fc.nat(),
    suffix: fc.constantFrom('_x', 's', ''),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), node: fc.nat() }),
);

/** One to three changes to a JSON document. */
export const jsonMutations = fc.array(jsonMutation, { minLength: 1, maxLength: 3 });

type Parent = Record<string, unknown> | unknown[];

/** Every (parent, key) pair of a JSON tree, depth first: the places a mutation can hit. */
function places(root: unknown): [Parent, string | number][] {
  const out: [Parent, string | number][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        out.push([node, i]);
        walk(v);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push([node as Record<string, unknown>, k]);
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

/** A copy of `doc` with the mutations applied, as JSON text. */
export function applyJson(doc: unknown, mutations: readonly JsonMutation[]): string {
  const root = structuredClone(doc);
  for (const m of mutations) {
    const all = places(root);
    if (all.length === 0) break;
    const [parent, key] = all[m.node % all.length]!;
    if (m.kind === 'replace') {
      (parent as Record<string | number, unknown>)[key] = structuredClone(m.value);
    } else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else if (m.kind === 'rename') {
      if (!Array.isArray(parent) && m.suffix !== '') {
        parent[`${String(key)}${m.suffix}`] = parent[key as string];
        delete parent[key as string];
      } else if (Array.isArray(parent)) {
        parent.reverse();
      }
    } else if (Array.isArray(parent)) {
      parent.splice(key as number, 0, structuredClone(parent[key as number]));
    } else {
      parent[`${String(key)}_copy`] = structuredClone(parent[key as string]);
    }
  }
  return JSON.stringify(root);
}

/** Either kind of change to a JSON file: structural (parsed) or raw bytes of its text. */
export type JsonFileMutation =
  { on: 'json'; mutations: JsonMutation[] } | { on: 'bytes'; mutations: ByteMutation[] };

/** Mostly structural changes (they get past the parser), some raw ones. */
export const jsonFileMutation: fc.Arbitrary<JsonFileMutation> = fc.oneof(
  { weight: 3, arbitrary: jsonMutations.map((mutations) => ({ on: 'json' as const, mutations })) },
  { weight: 1, arbitrary: byteMutations.map((mutations) => ({ on: 'bytes' as const, mutations })) },
);

/** The bytes of a JSON file after a `JsonFileMutation`. */
export function applyJsonFile(text: string, m: JsonFileMutation): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return m.on === 'bytes'
    ? applyBytes(bytes, m.mutations)
    : new TextEncoder().encode(applyJson(JSON.parse(text), m.mutations));
}

/** A short, replayable description of a mutation, for failure messages. */
export function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}
