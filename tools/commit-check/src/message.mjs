// The commit message form of CONTRIBUTING.md: `type(scope)!: what changed`, at most 72
// characters, then a blank line before the body.

/** The types a subject may start with; release notes and version bumps read them. */
export const TYPES = [
  'build',
  'chore',
  'ci',
  'docs',
  'feat',
  'fix',
  'perf',
  'refactor',
  'revert',
  'style',
  'test',
];

export const MAX_SUBJECT = 72;

const FORM = /^(?<type>[a-z]+)(?:\((?<scope>[a-z0-9][a-z0-9./,-]*)\))?!?: (?<text>\S.*)$/u;

/**
 * What is wrong with a commit message, as sentences naming what was expected and what came;
 * an empty list when it has the house form. Comment lines (`#`) are ignored, as git does.
 * @param {string} message the whole message: subject, optional blank line and body
 * @returns {string[]}
 */
export function messageProblems(message) {
  const lines = message
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.trimEnd());
  const subject = lines[0] ?? '';
  const problems = [];
  if (subject.length > MAX_SUBJECT) {
    problems.push(`the subject has ${subject.length} characters; at most ${MAX_SUBJECT} fit`);
  }
  const form = FORM.exec(subject);
  if (form?.groups === undefined) {
    problems.push(
      `expected a subject like "fix(io): read HDF5 in memory" (type(scope): text), got "${subject}"`,
    );
  } else if (!TYPES.includes(form.groups.type)) {
    problems.push(`the type "${form.groups.type}" is not one of ${TYPES.join(', ')}`);
  } else if (/[.]$/u.test(form.groups.text)) {
    problems.push('the subject ends with a period; a subject is a title');
  }
  if (lines.length > 1 && lines[1] !== '') {
    problems.push('the second line is not blank; a blank line separates subject and body');
  }
  return problems;
}
