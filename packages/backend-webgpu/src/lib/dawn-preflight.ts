// Dawn and the Vulkan loader write their driver warnings from C++ straight to file descriptor 2
// ("Warning: vkCreateInstance: Found no drivers!" and a source location) when a machine has
// no Vulkan driver: nothing in JavaScript can silence them. So the first question to the
// system's drivers is asked in a child process whose stderr is kept as the answer's reason.

/** What Dawn found through the system's drivers, asked in a child process. */
export interface DriverCheck {
  /** Whether `requestAdapter()` gave an adapter. */
  adapter: boolean;
  /** What Dawn and the Vulkan loader wrote meanwhile, one message each, without stack lines. */
  messages: string[];
}

interface ChildProcessModule {
  execFile(
    file: string,
    args: string[],
    options: { timeout: number; env: Record<string, string | undefined>; windowsHide: boolean },
    done: (error: Error | null, stdout: string, stderr: string) => void,
  ): unknown;
}

interface ModuleModule {
  createRequire(path: string): { resolve(id: string): string };
}

interface UrlModule {
  pathToFileURL(path: string): { href: string };
}

/** The parts of Node's `process` the check needs. */
export interface PreflightProcess {
  execPath: string;
  argv: string[];
  env: Record<string, string | undefined>;
  cwd(): string;
  getBuiltinModule?(id: string): unknown;
}

const CHILD_SCRIPT = `
const [entry, options] = [process.argv[1], JSON.parse(process.argv[2])];
const { create } = await import(entry);
const adapter = await create(options).requestAdapter();
process.stdout.write(JSON.stringify({ adapter: adapter !== null && adapter !== undefined }));
`;

// Dawn's first adapter request can take seconds on a real GPU; a hung driver must not hang us.
const TIMEOUT_MS = 30_000;

const checks = new Map<string, Promise<DriverCheck | undefined>>();

/** Where the `webgpu` package is, found as this program would find it; undefined if nowhere. */
function dawnEntry(node: PreflightProcess, specifier: string): string | undefined {
  const module = node.getBuiltinModule?.('node:module') as ModuleModule | undefined;
  const url = node.getBuiltinModule?.('node:url') as UrlModule | undefined;
  if (!module || !url) return undefined;
  for (const base of [node.argv[1], `${node.cwd()}/`]) {
    if (!base) continue;
    try {
      return url.pathToFileURL(module.createRequire(base).resolve(specifier)).href;
    } catch {
      // Not from there: try the next base.
    }
  }
  return undefined;
}

/** Dawn's and the loader's lines as messages: prefixes and stack lines dropped, each once. */
export function driverMessages(stderr: string): string[] {
  const lines = stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s+at\s/.test(line))
    .map((line) => line.replace(/^(Warning|Error|Info):\s*/, '').trim());
  return [...new Set(lines)];
}

/**
 * Asks Dawn for an adapter through the system's drivers in a child process, so that what the
 * drivers print stays off this process' stderr. Undefined when the check cannot run (no
 * `child_process`, the package not found from here, a crash): then ask in this process.
 */
export function checkSystemDrivers(
  node: PreflightProcess,
  options: string[],
  specifier: string,
): Promise<DriverCheck | undefined> {
  const key = options.join(' ');
  let check = checks.get(key);
  if (!check) {
    check = runCheck(node, options, specifier);
    checks.set(key, check);
  }
  return check;
}

function runCheck(
  node: PreflightProcess,
  options: string[],
  specifier: string,
): Promise<DriverCheck | undefined> {
  const childProcess = node.getBuiltinModule?.('node:child_process') as
    ChildProcessModule | undefined;
  const entry = dawnEntry(node, specifier);
  if (!childProcess || !entry) return Promise.resolve(undefined);
  const args = ['--input-type=module', '-e', CHILD_SCRIPT, entry, JSON.stringify(options)];
  return new Promise((resolve) => {
    childProcess.execFile(
      node.execPath,
      args,
      { timeout: TIMEOUT_MS, env: node.env, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) return resolve(undefined);
        try {
          const { adapter } = JSON.parse(stdout) as { adapter: boolean };
          resolve({ adapter, messages: driverMessages(stderr) });
        } catch {
          resolve(undefined);
        }
      },
    );
  });
}
