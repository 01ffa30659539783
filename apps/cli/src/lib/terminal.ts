/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The process' own streams. */
export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
