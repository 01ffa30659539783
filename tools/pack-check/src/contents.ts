import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';
import type { Packed } from './pack.js';
import type { Manifest } from './workspace.js';

/** Optional peers: the engines a user may or may not have. Never required, never bundled. */
export const OPTIONAL_PEERS = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'webgpu'];

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;
const BUILTINS = new Set(builtinModules);
const TEXT = /\.(m?js|cjs|ts|mts|cts|map|json|md)$/;

/**
 * What is wrong with one tarball as a user receives it: its package.json, and every file's
 * references (imports, source maps, paths) that must resolve inside the tarball or to a declared
 * dependency. `root` is the repository's absolute path, which no shipped file may mention.
 */
export function tarballProblems(packed: Packed, root: string, version: string): string[] {
  return [
    ...manifestProblems(packed, version),
    ...shippedFileProblems(packed),
    ...referenceProblems(packed, root),
  ];
}

function manifestProblems({ manifest: m, files }: Packed, version: string): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => ok || problems.push(what);
  need(m.private !== true, 'is marked private');
  need(
    m.version === version,
    `has version ${m.version}; the release group's version is ${version}`,
  );
  need(m.description, 'has no description');
  need(m.license === 'Apache-2.0', `has license ${m.license ?? '(none)'}, expected Apache-2.0`);
  need(m.keywords?.length, 'has no keywords');
  const repo = typeof m.repository === 'object' ? m.repository : undefined;
  need(repo?.url && repo.directory, 'has no repository { url, directory }');
  need(m.type === 'module', 'is not "type": "module"');
  need(m.engines?.['node'], 'has no engines.node');
  need(m.sideEffects !== undefined, 'does not declare sideEffects');
  need(m.exports, 'has no exports map');
  need(m.files?.length, 'has no files whitelist');
  need(m.publishConfig?.['access'] === 'public', 'lacks publishConfig.access "public" (scoped)');
  need(files.has('README.md'), 'ships no README.md');
  need(files.has('LICENSE'), 'ships no LICENSE');
  need(
    m.peerDependencies?.['@tensorflow/tfjs-core'] && !m.dependencies?.['@tensorflow/tfjs-core'],
    '@tensorflow/tfjs-core must be a peer dependency (one engine per program)',
  );
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, spec] of Object.entries(m[field] ?? {})) {
      if (/^(workspace|file|link|portal|git\+file):|^\.{0,2}\//.test(spec)) {
        problems.push(`${field}.${name} is "${spec}", which only resolves inside the monorepo`);
      } else if (
        name.startsWith('@framewise/') &&
        field !== 'devDependencies' &&
        spec !== version
      ) {
        problems.push(`${field}.${name} is "${spec}"; fixed versioning pins "${version}"`);
      }
    }
  }
  for (const name of OPTIONAL_PEERS) {
    if (m.dependencies?.[name] || m.optionalDependencies?.[name]) {
      problems.push(`${name} must be an optional peer, not a dependency (its install can fail)`);
    }
    if (m.peerDependencies?.[name] && !m.peerDependenciesMeta?.[name]?.optional) {
      problems.push(`peer ${name} is not marked optional in peerDependenciesMeta`);
    }
  }
  const exists = (target: string) => files.has(posix.normalize(target));
  for (const [where, target] of exportTargets(m.exports)) {
    if (!target.startsWith('./'))
      problems.push(`exports ${where} → "${target}" must start with ./`);
    else if (!exists(target))
      problems.push(`exports ${where} → ${target}, which is not in the tarball`);
  }
  for (const [where, order] of conditionOrders(m.exports)) {
    const types = order.indexOf('types');
    const runtime = order.findIndex((c) => c === 'import' || c === 'require' || c === 'default');
    if (types > runtime && runtime !== -1) {
      problems.push(`exports ${where}: "types" must come before ${order[runtime]}`);
    }
  }
  for (const field of ['main', 'types'] as const) {
    if (m[field] && !exists(m[field]))
      problems.push(`${field} → ${m[field]} is not in the tarball`);
  }
  const bins = typeof m.bin === 'string' ? { [m.name]: m.bin } : (m.bin ?? {});
  for (const [name, target] of Object.entries(bins)) {
    const body = files.get(posix.normalize(target));
    if (!body) problems.push(`bin ${name} → ${target} is not in the tarball`);
    else if (!body.toString('utf8').startsWith('#!/usr/bin/env node')) {
      problems.push(`bin ${name} (${target}) does not start with #!/usr/bin/env node`);
    }
  }
  if (Array.isArray(m.sideEffects)) {
    for (const entry of m.sideEffects.filter((e) => !e.includes('*'))) {
      if (!exists(entry)) problems.push(`sideEffects lists ${entry}, which is not in the tarball`);
    }
  }
  return problems;
}

function shippedFileProblems({ files }: Packed): string[] {
  const problems: string[] = [];
  const paths = [...files.keys()];
  for (const path of paths) {
    if (
      /\.(spec|test)\.|\.test-helpers\.|\.tsbuildinfo$|(^|\/)(node_modules|\.nx|out-tsc)\//.test(
        path,
      )
    ) {
      problems.push(`ships ${path}, which is for the monorepo only`);
    }
  }
  // tsc never deletes outputs: a dist file without its source is left over from a rename.
  if (paths.some((p) => p.startsWith('src/'))) {
    for (const path of paths.filter((p) => /^dist\/.*\.js$/.test(p))) {
      const source = path.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
      if (!files.has(source)) {
        problems.push(
          `ships ${path} but not ${source}: a stale build output (rm -rf dist; rebuild)`,
        );
      }
    }
  }
  return problems;
}

function referenceProblems({ manifest: m, files }: Packed, root: string): string[] {
  const problems: string[] = [];
  const declared = new Set([
    ...Object.keys(m.dependencies ?? {}),
    ...Object.keys(m.peerDependencies ?? {}),
    ...Object.keys(m.optionalDependencies ?? {}),
  ]);
  for (const [path, body] of files) {
    if (!TEXT.test(path)) continue;
    const text = body.toString('utf8');
    if (text.includes(root)) problems.push(`${path} mentions the absolute path ${root}`);
    if (path.endsWith('.map')) {
      problems.push(...sourceMapProblems(path, text, files));
      continue;
    }
    if (!/\.(m?js|cjs|d\.ts|ts)$/.test(path)) continue;
    for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
      if (specifier.startsWith('.')) {
        const problem = relativeProblem(path, specifier, files);
        if (problem) problems.push(problem);
        continue;
      }
      const name = packageName(specifier);
      if (specifier.startsWith('node:') || BUILTINS.has(specifier) || name === m.name) continue;
      if (!declared.has(name)) {
        problems.push(`${path} imports ${specifier}, but ${name} is not a dependency or peer`);
      }
    }
  }
  return problems;
}

function relativeProblem(
  from: string,
  specifier: string,
  files: Map<string, Buffer>,
): string | null {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (target.startsWith('..')) return `${from} imports ${specifier}, outside the package`;
  // A declaration or TypeScript source names the .js its import will load at run time.
  const candidates = from.endsWith('.d.ts')
    ? [target.replace(/\.js$/, '.d.ts'), target]
    : from.endsWith('.ts')
      ? [target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.d.ts'), target]
      : [target];
  if (candidates.some((c) => files.has(c))) return null;
  return `${from} imports ${specifier}, which is not in the tarball (looked for ${candidates[0]})`;
}

function sourceMapProblems(path: string, text: string, files: Map<string, Buffer>): string[] {
  let map: { sources?: string[]; sourceRoot?: string };
  try {
    map = JSON.parse(text) as typeof map;
  } catch {
    return [`${path} is not valid JSON`];
  }
  const base = posix.join(posix.dirname(path), map.sourceRoot ?? '');
  return (map.sources ?? [])
    .map((source) => posix.normalize(posix.join(base, source)))
    .filter((source) => !files.has(source))
    .map((source) => `${path} maps to ${source}, which is not in the tarball`);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every leaf of an exports map, with the path of subpath and conditions that leads to it. */
export function exportTargets(exports: unknown, where = '.'): [string, string][] {
  if (typeof exports === 'string') return [[where, exports]];
  if (Array.isArray(exports)) return exports.flatMap((e) => exportTargets(e, where));
  if (exports === null || typeof exports !== 'object') return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    exportTargets(value, key.startsWith('.') ? key : `${where} [${key}]`),
  );
}

/** The public subpaths of an exports map (`.`, `./base` ...), `./package.json` left out. */
export function exportSubpaths(manifest: Manifest): string[] {
  const exports = manifest.exports;
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return ['.'];
  const keys = Object.keys(exports);
  if (!keys.every((k) => k.startsWith('.'))) return ['.'];
  return keys.filter((k) => k !== './package.json' && !k.includes('*'));
}

function conditionOrders(exports: unknown, where = '.'): [string, string[]][] {
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return [];
  const keys = Object.keys(exports);
  const own: [string, string[]][] = keys.every((k) => !k.startsWith('.')) ? [[where, keys]] : [];
  return [
    ...own,
    ...Object.entries(exports).flatMap(([key, value]) =>
      conditionOrders(value, key.startsWith('.') ? key : `${where} [${key}]`),
    ),
  ];
}
