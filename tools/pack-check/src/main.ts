import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAndOpenPage } from './checks/browser.js';
import { installCliGlobally } from './checks/cli.js';
import { installProject } from './checks/install.js';
import { importEverySubpath, runConv2dExample, runReadmeExamples } from './checks/node.js';
import { releaseDryRun } from './checks/release.js';
import { typeCheck } from './checks/types.js';
import { tarballProblems } from './contents.js';
import type { Context } from './context.js';
import { packAll } from './pack.js';
import { assertNone, runSteps, type Step } from './steps.js';
import { publicPackages, readManifest } from './workspace.js';

const USAGE = `Usage: npx nx test @framewise/pack-check [-- options]   (builds first)
       npx tsx tools/pack-check/src/main.ts [options]        (uses the dist/ folders as they are)

Options:
  --only a,b   run these steps (and pack, which they need): STEPS
  --keep       keep the temporary folder (it is kept anyway when a step fails)
  -h, --help   this text`;

const steps: Step<Context>[] = [
  {
    name: 'pack',
    title: 'npm pack every public package; the tarballs reference nothing outside themselves',
    run: async (c) => {
      c.packed = await packAll(c.root, c.packages, join(c.work, 'tarballs'));
      assertNone(
        c.packed.flatMap((p) => tarballProblems(p, c.root, c.version).map((x) => `${p.name} ${x}`)),
        'problems in the tarballs',
      );
      return c.packed.map((p) => `${p.name}@${p.version}: ${p.files.size} files, ${kb(p.file)} kB`);
    },
  },
  {
    name: 'install',
    title: 'install the tarballs into a fresh project outside the repository',
    needs: ['pack'],
    run: installProject,
  },
  {
    name: 'imports',
    title: 'Node ESM: every export subpath of every package loads',
    needs: ['install'],
    run: importEverySubpath,
  },
  {
    name: 'conv2d-example',
    title: 'Node ESM (.mjs): the getting-started Conv2D example',
    needs: ['install'],
    run: runConv2dExample,
  },
  {
    name: 'readme',
    title: 'the README examples marked to run',
    needs: ['install'],
    run: runReadmeExamples,
  },
  {
    name: 'types',
    title: 'TypeScript: the public API type-checks (nodenext, bundler)',
    needs: ['install'],
    run: typeCheck,
  },
  {
    name: 'browser',
    title:
      'Vite bundle of core, layers, io, examples, bench and the cpu, webgl and webgpu adapters, run in headless Chromium (wasm, then WebGL and WebGPU)',
    needs: ['install'],
    run: buildAndOpenPage,
  },
  {
    name: 'cli',
    title: 'npm install -g of the CLI; framewise --help, backends --json, train-example',
    needs: ['install'],
    run: installCliGlobally,
  },
  {
    name: 'release',
    title: 'nx release --dry-run: one version for every package, changelog entries',
    run: releaseDryRun,
  },
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE.replace('STEPS', steps.map((s) => s.name).join(', ')));
    return 0;
  }
  const root = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
  const packages = publicPackages(root);
  const versions = new Set(packages.map((p) => p.manifest.version));
  if (versions.size !== 1) {
    console.error(
      `pack-check: public packages have several versions (${[...versions]}); fixed versioning wants one`,
    );
    return 1;
  }
  const [version] = versions;
  const tfjsVersion = readManifest(join(root, 'package.json')).devDependencies?.[
    '@tensorflow/tfjs-core'
  ];
  if (version === undefined || tfjsVersion === undefined) {
    console.error(
      'pack-check: no public package version, or no @tensorflow/tfjs-core devDependency',
    );
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'framewise-pack-check-'));
  const context: Context = {
    root,
    work,
    app: join(work, 'app'),
    fixtures: join(root, 'tools', 'pack-check', 'fixtures'),
    packages,
    version,
    packed: [],
    tfjsVersion,
  };
  const only = values.only?.split(',');
  const chosen = only ? steps.filter((s) => only.includes(s.name) || s.name === 'pack') : steps;
  console.log(
    `pack-check: ${packages.length} public packages at ${context.version}; working in ${work}`,
  );
  const started = performance.now();
  try {
    const results = await runSteps(chosen, context, (line) => console.log(line));
    const count = (status: string) => results.filter((r) => r.status === status).length;
    const failed = count('failed');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `pack-check: ${count('passed')} passed, ${count('skipped')} skipped, ${failed} failed, ` +
        `in ${seconds} s`,
    );
    if (failed || values.keep) console.log(`pack-check: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
    return failed ? 1 : 0;
  } finally {
    await context.registry?.close();
  }
}

function kb(file: string): string {
  return (statSync(file).size / 1024).toFixed(0);
}

process.exitCode = await main();
