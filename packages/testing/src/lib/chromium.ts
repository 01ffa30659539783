import { existsSync } from 'node:fs';

/** Where Debian's and Ubuntu's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags for headless Chromium in tests and CI (see the repository's ENVIRONMENT.md): no sandbox
 * (CI runs as root), no network chatter, and WebGPU and WebGL on SwiftShader where there is no
 * GPU (Chromium 156 falls back to SwiftShader's WebGL 2 by itself in headless mode; later
 * versions ask for --enable-unsafe-swiftshader, which changes nothing where a GPU exists). Pass
 * them as `args` to playwright-core's `launch`, with `executablePath` set and a fresh profile.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Whether a Chromium to drive is installed, and where, or what to install. */
export interface ChromiumCheck {
  available: boolean;
  /** The executable: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium`. */
  path: string;
  /** Where it was found, or what is missing and how to install it. */
  reason: string;
}

/**
 * Looks for the Chromium that browser tests drive (never one a test library downloads):
 * `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`.
 */
export function checkChromium(
  env: Record<string, string | undefined> = process.env,
): ChromiumCheck {
  const path = env['CHROMIUM_PATH'] || DEFAULT_CHROMIUM_PATH;
  return existsSync(path)
    ? { available: true, path, reason: `Chromium at ${path}` }
    : {
        available: false,
        path,
        reason: `Chromium is missing at ${path}: run bash tools/setup-system.sh (installs Debian's chromium and libvulkan1), or set CHROMIUM_PATH`,
      };
}

/** What a spec gets from `requireChromium()`. */
export interface ChromiumTestGate extends ChromiumCheck {
  /** `describe`, or `describe.skip` with the reason in the title where Chromium is missing. */
  readonly describe: (title: string, fn: () => void) => void;
  /** `it`, or `it.skip` with the reason in the title where Chromium is missing. */
  readonly it: (title: string, fn: () => unknown, timeout?: number) => void;
}

/**
 * For specs that drive a real browser: where Chromium is missing their tests are skipped with
 * a warning that says what to install; with `CI=true` that is an error, so CI cannot pass by
 * skipping. Reads Jest's (or Vitest's) `describe` and `it` globals.
 *
 * ```ts
 * const browser = requireChromium();
 * browser.describe('the site', () => { ... chromium.launch({ executablePath: browser.path, args: [...CHROMIUM_FLAGS] }) ... });
 * ```
 */
export function requireChromium(check: ChromiumCheck = checkChromium()): ChromiumTestGate {
  type Gate = Pick<ChromiumTestGate, 'describe' | 'it'>;
  const globals = globalThis as unknown as {
    describe: Gate['describe'] & { skip: Gate['describe'] };
    it: Gate['it'] & { skip: Gate['it'] };
  };
  if (check.available) return { ...check, describe: globals.describe, it: globals.it };
  if (process.env['CI'] === 'true') {
    throw new Error(
      `${check.reason}. CI=true makes a missing browser an error rather than a skip.`,
    );
  }
  console.warn(`${check.reason}. Skipping the tests that need a browser.`);
  const skipped = (title: string): string => `${title} (skipped: Chromium is not installed)`;
  return {
    ...check,
    describe: (title, fn) => globals.describe.skip(skipped(title), fn),
    it: (title, fn, timeout) => globals.it.skip(skipped(title), fn, timeout),
  };
}
