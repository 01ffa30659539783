#!/usr/bin/env node
// Whatever escapes `run` (an error thrown later from a callback or a stray promise) still ends
// as one line on stderr and exit code 1, never as a stack trace.
const fail = (e) => {
  const message = String(e instanceof Error ? e.message : e).split('\n', 1)[0];
  process.stderr.write(
    `framewise: unexpected ${e instanceof Error ? e.name : 'error'}: ${message}\n`,
  );
  process.exit(1);
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const { run } = await import('../dist/main.js');
process.exitCode = await run(process.argv.slice(2));
