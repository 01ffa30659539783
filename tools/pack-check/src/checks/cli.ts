import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { exec } from '../exec.js';
import { assertNone } from '../steps.js';

/**
 * `npm install -g @framewise/cli` into a prefix of its own: the `framewise` command exists and
 * `--help` and `backends --json` work. Its @framewise dependencies come from the local registry,
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
  for (const run of [help, backends]) {
    if (/Platform \w+ has already been set/.test(run.stderr)) {
      problems.push(`two copies of tfjs-core in the global install: ${run.stderr.trim()}`);
    }
  }
  assertNone(problems, 'problems with the global CLI');
  return [
    `npm install -g ${cli.name}: ok (${installSeconds} s); framewise --help and backends --json work`,
    `cpu adapter: ${cpu?.engine}`,
  ];
}
