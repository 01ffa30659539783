/**
 * How many threads wasm runs on in Node when nothing says otherwise. Measured
 * (docs/guides/backends.md, "CPU threads"): threads pay on large products and
 * convolutions (1.5–1.9× on two idle cores) and cost time wherever a thread
 * must wait for CPU time that another process or a quota holds, so the count
 * is the CPU the process can really get:
 * - the cores it may run on (`os.availableParallelism()`, which follows the
 *   CPU affinity mask), at most `MAX_WASM_THREADS`;
 * - no more than its CPU quota (a container's `--cpus`, cgroup `cpu.max`),
 *   rounded up: a process limited to one CPU on a 16-core host would
 *   otherwise run 8 threads that wait for each other;
 * - no more than the cores other processes leave idle, by the 1-minute load
 *   average when the engine starts (rounded, at least 1): with the load at 8 on
 *   two cores, two threads were 0.4–1.1× as fast as one on the four large rows
 *   and 0.04× on a small Dense model, where an idle machine gave 1.5–1.9×;
 * - one core (or a quota of one CPU or less) gives 1: tfjs' single-threaded build.
 */
export interface ThreadRuleInput {
  /** Cores the process may run on. */
  cores: number;
  /** CPUs' worth of time the process may use (cgroup quota ÷ period), when limited. */
  cpuQuota?: number;
  /** The machine's 1-minute load average (`os.loadavg()[0]`; 0 where the OS has none). */
  load?: number;
  /** Most threads the threaded build runs. */
  max: number;
}

/** The thread count, and what limited it, in the words of the adapter's log line. */
export interface ThreadChoice {
  threads: number;
  /** Set when the count is below the cores: why. */
  limitedBy?: string;
}

export function threadsByRule({ cores, cpuQuota, load = 0, max }: ThreadRuleInput): ThreadChoice {
  const all = Math.max(1, Math.min(Math.floor(cores), max));
  const quota = cpuQuota !== undefined && cpuQuota > 0 ? Math.ceil(cpuQuota) : Infinity;
  const idle = Math.max(1, Math.round(cores - load));
  const threads = Math.max(1, Math.min(all, quota, idle));
  if (threads === all) return { threads };
  if (threads === quota) return { threads, limitedBy: `a CPU quota of ${round(cpuQuota)}` };
  return { threads, limitedBy: `a load average of ${round(load)} on ${cores} cores` };
}

const round = (v: number | undefined): number => Math.round((v ?? 0) * 100) / 100;

/** Reads a file, or undefined when it is missing. */
export type ReadText = (path: string) => string | undefined;

/**
 * The process's CPU quota in CPUs from cgroup v2 (`/sys/fs/cgroup/cpu.max`,
 * `"150000 100000"` is 1.5) or v1 (`cpu.cfs_quota_us` ÷ `cpu.cfs_period_us`);
 * undefined when there is none (`max`, `-1`) or no cgroup file (not Linux).
 */
export function cgroupCpuQuota(read: ReadText): number | undefined {
  const v2 = read('/sys/fs/cgroup/cpu.max')?.trim().split(/\s+/);
  if (v2 && v2.length === 2) return ratio(v2[0], v2[1]);
  const quota = read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')?.trim();
  const period = read('/sys/fs/cgroup/cpu/cpu.cfs_period_us')?.trim();
  return ratio(quota, period);
}

function ratio(quota: string | undefined, period: string | undefined): number | undefined {
  const q = Number(quota);
  const p = Number(period);
  return Number.isFinite(q) && q > 0 && Number.isFinite(p) && p > 0 ? q / p : undefined;
}
