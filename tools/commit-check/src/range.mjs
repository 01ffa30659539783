// Which commits the check reads: those since the last release tag `v*`, or, before the
// first release, those since the check itself was added (older history predates the form).
// The start is found in the history rather than stored as a hash, so rebasing or merging
// this branch elsewhere keeps it right.
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
 * The revision range to check, and what it starts from, for messages.
 * @param {string} cwd a directory inside the repository
 * @param {string} [marker] path (from the repository root) of the file whose addition starts
 *   the checked history
 * @returns {{ range: string[], from: string }}
 */
export function rangeToCheck(cwd, marker = MARKER) {
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
  if (tag !== '') return { range: [`${tag}..HEAD`], from: `the release tag ${tag}` };
  const added = git(cwd, ['log', '--diff-filter=A', '--format=%H', 'HEAD', '--', marker])
    .trim()
    .split('\n')
    .filter((line) => line !== '');
  const first = added.at(-1);
  if (first === undefined) {
    throw new Error(`expected a release tag v* or a commit that adds ${marker}; found neither`);
  }
  const parents = git(cwd, ['rev-list', '--parents', '-n', '1', first]).trim().split(' ');
  const from = `${first.slice(0, 12)}, which added ${marker}`;
  // A root commit has no parent to exclude: everything up to HEAD is then checked.
  return { range: parents.length > 1 ? [`${first}^..HEAD`] : ['HEAD'], from };
}

/**
 * The non-merge commits of a range, oldest first. Merge commits are left out: their
 * subjects are written by git or by the merging tool.
 * @param {string} cwd
 * @param {string[]} range
 * @returns {{ hash: string, message: string }[]}
 */
export function commitsIn(cwd, range) {
  return git(cwd, ['log', '--no-merges', '--reverse', '-z', '--format=%H%n%B', ...range, '--'])
    .split('\0')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const newline = entry.indexOf('\n');
      return { hash: entry.slice(0, newline), message: entry.slice(newline + 1).trimEnd() };
    });
}
