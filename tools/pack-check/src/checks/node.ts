import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { exportSubpaths } from '../contents.js';
import type { Context } from '../context.js';
import { exec } from '../exec.js';
import { assertNone } from '../steps.js';

/** Signs of two copies of tfjs-core in one program (backends registered in one are lost). */
const DUPLICATE_TFJS = /Platform \w+ has already been set|has already been registered/;

/**
 * Every export subpath of every package loads in Node from ESM; the one that needs an optional
 * peer that is absent fails by naming it, and nothing else fails.
 */
export async function importEverySubpath(context: Context): Promise<string[]> {
  const specifiers = context.packed.flatMap((p) =>
    exportSubpaths(p.manifest).map((sub) => ({
      specifier: sub === '.' ? p.name : `${p.name}/${sub.slice(2)}`,
      optional: Object.entries(p.manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    })),
  );
  // Internal files must stay unreachable: the exports map is the public API.
  const internal = context.packed.map((p) => `${p.name}/dist/index.js`);
  const script = `
const blocked = [];
for (const specifier of ${JSON.stringify(internal)}) {
  try {
    await import(specifier);
    blocked.push({ specifier, code: 'loaded' });
  } catch (error) {
    blocked.push({ specifier, code: error.code });
  }
}
const results = [];
for (const specifier of ${JSON.stringify(specifiers.map((s) => s.specifier))}) {
  try {
    const loaded = await import(specifier);
    results.push({ specifier, exports: Object.keys(loaded).length });
  } catch (error) {
    results.push({ specifier, code: error.code, message: String(error.message).split('\\n')[0] });
  }
}
console.log(JSON.stringify({ results, blocked }));
`;
  writeFileSync(join(context.app, 'import-all.mjs'), script);
  const { stdout, stderr } = await exec('node', ['import-all.mjs'], { cwd: context.app });
  const { results, blocked } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
    results: { specifier: string; exports?: number; code?: string; message?: string }[];
    blocked: { specifier: string; code: string }[];
  };
  const problems: string[] = [];
  const notes: string[] = [];
  for (const result of results) {
    const asked = specifiers.find((s) => s.specifier === result.specifier);
    if (!asked)
      throw new Error(`import-all.mjs reported ${result.specifier}, which it was not given`);
    const { optional } = asked;
    if (result.exports !== undefined) {
      if (result.exports === 0) problems.push(`${result.specifier} exports nothing`);
      continue;
    }
    const missingPeer = optional.find((peer) => result.message?.includes(`'${peer}'`));
    if (result.code === 'ERR_MODULE_NOT_FOUND' && missingPeer) {
      notes.push(`${result.specifier} needs the optional peer ${missingPeer} (absent, as allowed)`);
    } else {
      problems.push(`import('${result.specifier}') failed: ${result.code ?? ''} ${result.message}`);
    }
  }
  for (const { specifier, code } of blocked) {
    if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      problems.push(`import('${specifier}') gave ${code}; internal paths must not be exported`);
    }
  }
  if (DUPLICATE_TFJS.test(stderr)) problems.push(`two copies of tfjs-core: ${stderr.trim()}`);
  assertNone(problems, 'problems loading the packages');
  return [
    `${results.length} subpaths imported; ${blocked.length} deep imports (<name>/dist/index.js) refused`,
    ...notes,
  ];
}

/** The getting-started Conv2D example from plain ESM JavaScript: 896 parameters, the right shapes. */
export async function runConv2dExample(context: Context): Promise<string[]> {
  copyFileSync(
    join(context.fixtures, 'conv2d-example.mjs'),
    join(context.app, 'conv2d-example.mjs'),
  );
  const { stdout, stderr } = await exec('node', ['conv2d-example.mjs'], { cwd: context.app });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
    params: number;
    shape: (number | null)[];
    predicted: number[];
    engine: string;
    leaked: number;
  };
  const problems: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (result.params !== 896) problems.push(`countParams() is ${result.params}, expected 896`);
  if (!same(result.shape, [null, 12, 32, 32, 32])) {
    problems.push(`output shape ${JSON.stringify(result.shape)}, expected [null,12,32,32,32]`);
  }
  if (!same(result.predicted, [2, 12, 32, 32, 32])) {
    problems.push(`predict() shape ${JSON.stringify(result.predicted)}, expected [2,12,32,32,32]`);
  }
  if (!['wasm', 'tensorflow'].includes(result.engine)) {
    problems.push(`the cpu adapter ran on '${result.engine}', expected wasm (or tfjs-node)`);
  }
  if (result.leaked !== 0) problems.push(`predict() left ${result.leaked} tensors behind`);
  if (DUPLICATE_TFJS.test(stderr)) problems.push(`two copies of tfjs-core: ${stderr.trim()}`);
  assertNone(problems, 'wrong results from the Conv2D example');
  return [`896 parameters, [null,12,32,32,32], predict → [2,12,32,32,32] on ${result.engine}`];
}

/**
 * The examples the READMEs mark with `<!-- pack-check: run -->` run as written (TypeScript
 * examples are stripped of their types first), so that what users copy works.
 */
export async function runReadmeExamples(context: Context): Promise<string[]> {
  const notes: string[] = [];
  const problems: string[] = [];
  for (const p of context.packed) {
    const readme = p.files.get('README.md')?.toString('utf8') ?? '';
    const blocks = [...readme.matchAll(/<!-- pack-check: run -->\s*```(js|ts)\n([\s\S]*?)```/g)];
    for (const [index, [, language, code = '']] of blocks.entries()) {
      const file = `readme-${p.name.split('/')[1]}-${index + 1}.mjs`;
      const js =
        language === 'ts'
          ? ts.transpileModule(code, {
              compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
            }).outputText
          : code;
      writeFileSync(join(context.app, file), js);
      const run = await exec('node', [file], { cwd: context.app, allowFailure: true });
      if (run.code !== 0) {
        problems.push(
          `${p.name} README example ${index + 1} exited with ${run.code}:\n${run.stderr.trim()}`,
        );
      } else {
        notes.push(`${p.name} README example ${index + 1} ran`);
      }
    }
  }
  assertNone(problems, 'README examples failed');
  return notes;
}
