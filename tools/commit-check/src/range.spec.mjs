import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { commitsToCheck } from './range.mjs';

const MARKER = 'tools/commit-check/package.json';
const made = [];

/** A real repository in a temporary folder, with the given commits made in order. */
function repository(steps) {
  const dir = mkdtempSync(join(tmpdir(), 'commit-check-'));
  made.push(dir);
  const git = (...args) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Test',
        '-c',
        'user.email=test@example.org',
        '-c',
        'core.hooksPath=/dev/null',
        ...args,
      ],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  git('init', '-q', '-b', 'main');
  steps.forEach((step, i) => {
    const file = join(dir, step.file ?? `file-${i}.txt`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${i}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', step.message);
    if (step.tag !== undefined) git('tag', step.tag);
  });
  return { dir, git };
}

const subjects = (commits) => commits.map((c) => c.message.split('\n')[0]);

after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('commitsToCheck', () => {
  it('starts at the commit that added the check while there is no release tag', () => {
    const { dir } = repository([
      { message: 'Old history, free form' },
      { message: 'More of it' },
      { message: 'build: add the commit check', file: MARKER },
      { message: 'fix(io): read HDF5 in memory\n\nWhy it matters.' },
    ]);
    const { commits, from } = commitsToCheck(dir, MARKER);
    assert.match(from, /which added tools\/commit-check\/package.json/u);
    assert.deepEqual(subjects(commits), [
      'build: add the commit check',
      'fix(io): read HDF5 in memory',
    ]);
  });

  it('starts after the last release tag once there is one', () => {
    const { dir } = repository([
      { message: 'Old history' },
      { message: 'build: add the commit check', file: MARKER },
      { message: 'chore(release): 0.2.0', tag: 'v0.2.0' },
      { message: 'feat(core): add DisposedError' },
    ]);
    const { commits, from } = commitsToCheck(dir, MARKER);
    assert.equal(from, 'the release tag v0.2.0');
    assert.deepEqual(subjects(commits), ['feat(core): add DisposedError']);
  });

  it('leaves out a branch forked before the check, but not what is built on the merge', () => {
    const { dir, git } = repository([
      { message: 'Old history' },
      { message: 'build: add the commit check', file: MARKER },
    ]);
    git('checkout', '-q', '-b', 'side', 'HEAD~1');
    writeFileSync(join(dir, 'side.txt'), 'side\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'Side work from before the check');
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'Merge branch side', 'side');
    writeFileSync(join(dir, 'after.txt'), 'after\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'Work after the merge');
    assert.deepEqual(subjects(commitsToCheck(dir, MARKER).commits), [
      'build: add the commit check',
      'Work after the merge',
    ]);
  });

  it('says what it expected when neither a tag nor the check is in the history', () => {
    const { dir } = repository([{ message: 'Old history' }]);
    assert.throws(
      () => commitsToCheck(dir, MARKER),
      /expected a release tag v\* or a commit that adds/u,
    );
  });

  it('refuses a shallow clone, whose history it cannot see whole', () => {
    const { dir } = repository([
      { message: 'Old history' },
      { message: 'build: add the commit check', file: MARKER },
      { message: 'fix: one' },
    ]);
    const shallow = join(dir, 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow], {
      stdio: 'ignore',
    });
    assert.throws(() => commitsToCheck(shallow, MARKER), /shallow clone/u);
  });
});
