import { spawn } from 'node:child_process';

/** What a finished child process left behind. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds before the child is killed (default 180 000). */
  timeoutMs?: number;
  /** Resolve on a non-zero exit instead of rejecting. */
  allowFailure?: boolean;
}

/**
 * Runs a command without a shell and collects its output. Asynchronous on purpose: the local
 * registry answers npm from this same process, so nothing here may block the event loop.
 */
export function exec(command: string, args: string[], options: ExecOptions): Promise<Finished> {
  const timeoutMs = options.timeoutMs ?? 180_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const finished = { code, stdout, stderr };
      if (code === 0 || options.allowFailure) return resolve(finished);
      const why = signal
        ? `was killed (${signal}${signal === 'SIGKILL' ? ', timeout' : ''})`
        : `exited with ${code}`;
      reject(new Error(`${[command, ...args].join(' ')} ${why}\n${tail(stdout + stderr)}`));
    });
  });
}

/** The last lines of a long output, for error messages. */
export function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// npm settings a user would keep (a mirror, a cache); everything else npm or Nx put in the
// environment of this test would change how the child npm, node or nx behaves.
const KEPT_NPM =
  /^npm_config_(cache|registry|userconfig|globalconfig|cafile|strict_ssl|proxy|https_proxy|noproxy)$/i;

/** The environment of a user's shell: this process's, minus what npm, Nx and Jest added. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !KEPT_NPM.test(key)) continue;
    if (/^NX_/.test(key) || key === 'NODE_OPTIONS' || key === 'INIT_CWD') continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}
