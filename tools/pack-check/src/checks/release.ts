import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Context } from '../context.js';
import { childEnv, exec } from '../exec.js';
import { assertNone, Skip } from '../steps.js';
import { workspacePackages } from '../workspace.js';

const GIT_USER = ['-c', 'user.name=pack-check', '-c', 'user.email=pack-check@localhost'];
const FEATURE = 'pack-check sample feature';
const FIX = 'pack-check sample fix';

/**
 * `nx release --dry-run` on a throwaway git copy of the working tree: a tag for the current
 * version, then a conventional `feat` and `fix` commit. The dry run must give every public
 * package one new version and preview a changelog entry for each commit, and write nothing.
 * The copy keeps the real repository's history and tags out of it, and needs no remote.
 */
export async function releaseDryRun(context: Context): Promise<string[]> {
  if (!existsSync(join(context.root, '.git'))) throw new Skip('the repository is not a git clone');
  const copy = join(context.work, 'release');
  const { stdout } = await exec('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: context.root,
  });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(context.root, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(context.root, file), join(copy, file));
  }
  symlinkSync(join(context.root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const git = (...args: string[]) => exec('git', [...GIT_USER, ...args], { cwd: copy });
  await exec('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], { cwd: copy });
  await git('add', '-A');
  await git('commit', '-qm', 'chore: the working tree');
  await git('tag', `v${context.version}`);
  const [first, second] = context.packages;
  if (!first || !second) throw new Error('the release check needs two public packages');
  appendFileSync(join(copy, first.dir, 'README.md'), '\nA sample change.\n');
  await git('commit', '-qam', `feat(${scope(first.dir)}): ${FEATURE}`);
  appendFileSync(join(copy, second.dir, 'README.md'), '\nA sample fix.\n');
  await git('commit', '-qam', `fix(${scope(second.dir)}): ${FIX}`);

  const nx = join(context.root, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const env = childEnv({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' });
  const run = await exec(process.execPath, [nx, 'release', '--dry-run', '--skip-publish'], {
    cwd: copy,
    env,
  });
  const output = run.stdout + run.stderr;
  const problems: string[] = [];
  const versions = new Map(
    [...output.matchAll(/New version (\S+) written to manifest: (\S+)\/package\.json/g)].map(
      ([, version = '', dir = '']) => [dir, version],
    ),
  );
  for (const p of context.packages) {
    if (!versions.has(p.dir)) problems.push(`the dry run gives ${p.manifest.name} no new version`);
  }
  const next = new Set(context.packages.map((p) => versions.get(p.dir)));
  if (next.size > 1)
    problems.push(`public packages get different versions: ${[...next].join(', ')}`);
  for (const subject of [FEATURE, FIX]) {
    if (!output.includes(subject)) problems.push(`the changelog preview has no entry "${subject}"`);
  }
  if (!/dry-?run/i.test(output)) problems.push('nx release did not say it was a dry run');
  const status = await exec('git', ['status', '--porcelain'], { cwd: copy });
  if (status.stdout.trim()) problems.push(`the dry run changed files:\n${status.stdout}`);
  problems.push(...ciPublishes(context.root));
  if (problems.length) problems.push(output.split('\n').slice(-40).join('\n'));
  assertNone(problems, 'problems with nx release --dry-run');

  // For real this time (still in the copy): every workspace must keep resolving its
  // @framewise dependencies to the workspace, private ones included.
  const [version] = next;
  if (version === undefined) throw new Error('the dry run gave no version');
  await exec(process.execPath, [nx, 'release', 'version'], { cwd: copy, env });
  assertNone(pinProblems(copy, version), 'workspaces left behind by nx release version');
  return [
    `nx release --dry-run: ${context.packages.length} public packages ${context.version} → ${version}`,
    `changelog preview lists "${FEATURE}" and "${FIX}"`,
    `nx release version (in the copy): every workspace depends on @framewise/* ${version}; lock file linked`,
  ];
}

/** Workspace dependencies on @framewise packages that the new version no longer satisfies. */
function pinProblems(copy: string, version: string): string[] {
  const problems: string[] = [];
  for (const { dir, manifest } of workspacePackages(copy)) {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
      for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
        if (!name.startsWith('@framewise/')) continue;
        if (spec !== '*' && spec.replace(/^[\^~]/, '') !== version) {
          problems.push(`${dir}: ${field}.${name} is "${spec}" after versioning to ${version}`);
        }
      }
    }
  }
  const lock = JSON.parse(readFileSync(join(copy, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { resolved?: string; link?: boolean }>;
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (/node_modules\/@framewise\//.test(path) && !entry.link) {
      problems.push(`package-lock.json: ${path} comes from ${entry.resolved ?? 'the registry'}`);
    }
  }
  return problems;
}

function scope(dir: string): string {
  return dir.split('/').at(-1) ?? dir;
}

/** Publishing is a maintainer's act (docs/guides/releasing.md): CI never publishes. */
function ciPublishes(root: string): string[] {
  const script = join(root, '.ci', 'run');
  if (!existsSync(script)) return [];
  const text = readFileSync(script, 'utf8');
  const lines = text.split('\n').filter((line) => !line.trim().startsWith('#'));
  return lines
    .filter((line) => /\bnpm\s+publish\b|\bnx\s+release\b(?!.*--dry-run)/.test(line))
    .map((line) => `.ci/run publishes: ${line.trim()}`);
}
