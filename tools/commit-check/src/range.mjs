// Which commits the check reads: those since the last release tag `v*`, or, before the
// first release, the commit that added the check and those built on it (older history, and
// branches forked before the check and merged later, predate the form). The start is found
// in the history rather than stored as a hash, so rebasing this branch keeps it right.
import { execFileSync } from 'node:child_process';

/** The file whose first commit starts the checked history while no release tag exists. */
export const MARKER = 'tools/commit-check/package.json';

/**
 * @param {string} cwd
 * @param {string[]} args
 */
function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The commits to check, oldest first, and what they start from, for messages.
 * @param {string} cwd a directory inside the repository
 * @param {string} [marker] path (from the repository root) of the file whose addition starts
 *   the checked history
 * @returns {{ commits: { hash: string, message: string }[], from: string }}
 */
export function commitsToCheck(cwd, marker = MARKER) {
  if (git(cwd, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
    throw new Error(
      'the repository is a shallow clone: the commits since the last release are not all ' +
        'here; clone it whole (or git fetch --unshallow) and run again',
    );
  }
  let tag = '';
  try {
    tag = git(cwd, ['describe', '--tags', '--match', 'v*', '--abbrev=0', 'HEAD']).trim();
  } catch {
    // No release tag is reachable: fall back to the marker below.
  }
  if (tag !== '') {
    return { commits: commitsIn(cwd, [`${tag}..HEAD`]), from: `the release tag ${tag}` };
  }
  const added = git(cwd, ['log', '--diff-filter=A', '--format=%H', 'HEAD', '--', marker])
    .trim()
    .split('\n')
    .filter((line) => line !== '');
  const first = added.at(-1);
  if (first === undefined) {
    throw new Error(`expected a release tag v* or a commit that adds ${marker}; found neither`);
  }
  const commits = [
    ...commitsIn(cwd, ['-1', first]),
    ...commitsIn(cwd, ['--ancestry-path', `${first}..HEAD`]),
  ];
  return { commits, from: `${first.slice(0, 12)}, which added ${marker}` };
}

/**
 * The non-merge commits of a range, oldest first. Merge commits are left out: their
 * subjects are written by git or by the merging tool.
 * @param {string} cwd
 * @param {string[]} range
 * @returns {{ hash: string, message: string }[]}
 */
function commitsIn(cwd, range) {
  return git(cwd, ['log', '--no-merges', '--reverse', '-z', '--format=%H%n%B', ...range, '--'])
    .split('\0')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return { hash: entry.slice(0, newline), message: entry.slice(newline + 1).trimEnd() };
    });
}
