import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_SUBJECT, messageProblems } from './message.mjs';

describe('messageProblems', () => {
  it('accepts the forms CONTRIBUTING.md shows', () => {
    for (const message of [
      'fix(io): read HDF5 in memory',
      'feat(core): add DisposedError',
      'build: pin nx to 23.2.1',
      'refactor(backend-webgpu)!: drop the adapter option\n\nBREAKING CHANGE: it had no effect.',
      'docs(guides,site): say what decides tfjs\n\nThe why.\n# a comment git drops',
    ]) {
      assert.deepEqual(messageProblems(message), [], message);
    }
  });

  it('counts the subject against the limit, not the body', () => {
    const subject = `fix: ${'x'.repeat(MAX_SUBJECT - 5)}`;
    assert.equal(subject.length, MAX_SUBJECT);
    assert.deepEqual(messageProblems(`${subject}\n\n${'body '.repeat(40)}`), []);
    assert.deepEqual(messageProblems(`${subject}y`), [
      `the subject has ${MAX_SUBJECT + 1} characters; at most ${MAX_SUBJECT} fit`,
    ]);
  });

  it('names the form it expected when the subject has none', () => {
    const [problem] = messageProblems('CLI: one parseBackend() for the four commands');
    assert.match(problem ?? '', /expected a subject like .*got "CLI: one parseBackend/u);
    assert.equal(messageProblems('fix(io):no space').length, 1);
    assert.equal(messageProblems('Fix(io): capital type').length, 1);
    assert.equal(messageProblems('fixup! fix(io): read HDF5').length, 1);
    assert.equal(messageProblems('').length, 1);
  });

  it('rejects unknown types, a closing period and a body glued to the subject', () => {
    assert.deepEqual(messageProblems('feature: add x'), [
      'the type "feature" is not one of build, chore, ci, docs, feat, fix, perf, refactor, revert, style, test',
    ]);
    assert.deepEqual(messageProblems('fix: read HDF5 in memory.'), [
      'the subject ends with a period; a subject is a title',
    ]);
    assert.deepEqual(messageProblems('fix: read HDF5\nin memory'), [
      'the second line is not blank; a blank line separates subject and body',
    ]);
  });
});
