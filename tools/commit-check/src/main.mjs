// Checks commit messages against the house form (CONTRIBUTING.md).
//   node tools/commit-check/src/main.mjs                       the commits CI checks
//   node tools/commit-check/src/main.mjs --message-file FILE   one message (commit-msg hook)
import { readFileSync } from 'node:fs';
import { messageProblems } from './message.mjs';
import { commitsToCheck } from './range.mjs';

function main(args) {
  if (args[0] === '--message-file' && args[1] !== undefined) {
    const problems = messageProblems(readFileSync(args[1], 'utf8'));
    for (const problem of problems) console.error(`commit message: ${problem}`);
    return problems.length === 0 ? 0 : 1;
  }
  if (args.length > 0) {
    console.error('usage: main.mjs [--message-file FILE]');
    return 2;
  }
  const { commits, from } = commitsToCheck(process.cwd());
  let bad = 0;
  for (const { hash, message } of commits) {
    const problems = messageProblems(message);
    if (problems.length === 0) continue;
    bad += 1;
    console.error(`${hash.slice(0, 12)} ${message.split('\n')[0]}`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }
  console.log(`commit-check: ${commits.length} commits since ${from}, ${bad} malformed`);
  return bad === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`commit-check: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
