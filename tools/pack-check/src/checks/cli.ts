import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { exec } from '../exec.js';
import { assertNone } from '../steps.js';

/**
 * `npm install -g @framewise/cli` into a prefix of its own: the `framewise` command exists and
 * `--help`, `backends --json` and one epoch of `train-example` (which runs @framewise/examples)
 * work. Its @framewise dependencies come from the local registry,
 * so npm lays the tree out as it will from npmjs.com (all of it under the CLI's folder).
 */
export async function installCliGlobally(context: Context): Promise<string[]> {
  const cli = context.packed.find((p) => p.manifest.bin && Object.keys(p.manifest.bin).length);
  if (!cli) throw new Error('no public package declares a bin');
  const registry = context.registry;
  if (!registry)
    throw new Error('the CLI check installs from the local registry, which is not running');
  const prefix = join(context.work, 'global');
  mkdirSync(prefix, { recursive: true });
  const started = performance.now();
  await exec(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
      ...registry.npmArgs,
      `${cli.name}@${cli.version}`,
    ],
    { cwd: context.work, timeoutMs: 300_000 },
  );
  const installSeconds = ((performance.now() - started) / 1000).toFixed(1);
  const bin = join(prefix, 'bin', 'framewise');
  if (!existsSync(bin)) throw new Error(`npm install -g made no ${bin}`);
  // A user's shell, without the repository anywhere near: run from the prefix.
  const help = await exec(bin, ['--help'], { cwd: prefix, allowFailure: true });
  const backends = await exec(bin, ['backends', '--json'], { cwd: prefix, allowFailure: true });
  // The one command that runs @framewise/examples: it must come with the CLI, not the test kit.
  const train = await exec(
    bin,
    ['train-example', '--epochs', '1', '--samples', '16', '--backend', 'cpu', '--json'],
    { cwd: prefix, allowFailure: true },
  );
  const problems: string[] = [];
  if (help.code !== 0 || !help.stdout.includes('Usage: framewise')) {
    problems.push(`framewise --help exited with ${help.code}: ${help.stdout}${help.stderr}`);
  }
  let cpu: { available?: boolean; engine?: string } | undefined;
  try {
    const list = JSON.parse(backends.stdout) as {
      name: string;
      available: boolean;
      engine: string;
    }[];
    cpu = list.find((b) => b.name === 'cpu');
  } catch {
    problems.push(
      `framewise backends --json printed no JSON: ${backends.stdout}${backends.stderr}`,
    );
  }
  if (backends.code !== 0) problems.push(`framewise backends --json exited with ${backends.code}`);
  if (cpu && !cpu.available) problems.push('framewise backends --json: cpu is not available');
  let trained: { history?: { loss?: number[] }; validationAccuracy?: number } = {};
  try {
    trained = JSON.parse(train.stdout) as typeof trained;
  } catch {
    problems.push(`framewise train-example --json printed no JSON: ${train.stdout}${train.stderr}`);
  }
  const losses = trained.history?.loss ?? [];
  if (train.code !== 0 || losses.length !== 1 || !Number.isFinite(losses[0])) {
    problems.push(
      `framewise train-example exited with ${train.code}, losses ${JSON.stringify(losses)}: ${train.stderr}`,
    );
  }
  for (const run of [help, backends, train]) {
    if (/Platform \w+ has already been set/.test(run.stderr)) {
      problems.push(`two copies of tfjs-core in the global install: ${run.stderr.trim()}`);
    }
  }
  assertNone(problems, 'problems with the global CLI');
  return [
    `npm install -g ${cli.name}: ok (${installSeconds} s); framewise --help and backends --json work`,
    `cpu adapter: ${cpu?.engine}`,
    `framewise train-example (1 epoch, 16 clips): loss ${losses[0]?.toFixed(4)}`,
  ];
}
