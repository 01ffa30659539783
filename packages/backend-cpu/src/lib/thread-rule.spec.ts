import { cgroupCpuQuota, threadsByRule } from './thread-rule.js';

describe('threadsByRule', () => {
  const threads = (input: Parameters<typeof threadsByRule>[0]): number =>
    threadsByRule(input).threads;

  it('runs one thread on one core, and every core up to the most the build runs', () => {
    expect(threadsByRule({ cores: 1, max: 8 })).toEqual({ threads: 1 });
    expect(threadsByRule({ cores: 2, max: 8 })).toEqual({ threads: 2 });
    expect(threadsByRule({ cores: 16, max: 8 })).toEqual({ threads: 8 });
  });

  it('runs no more threads than the CPU quota allows, rounded up', () => {
    expect(threadsByRule({ cores: 16, cpuQuota: 1, max: 8 })).toEqual({
      threads: 1,
      limitedBy: 'a CPU quota of 1',
    });
    expect(threads({ cores: 16, cpuQuota: 0.5, max: 8 })).toBe(1);
    expect(threads({ cores: 16, cpuQuota: 1.5, max: 8 })).toBe(2);
    expect(threads({ cores: 2, cpuQuota: 4, max: 8 })).toBe(2);
  });

  it('runs no more threads than the cores the load leaves idle', () => {
    // Measured: an otherwise idle 2-core machine gave 2 threads 1.5-1.9x; at load 8, 0.04-1.1x.
    expect(threads({ cores: 2, load: 0.4, max: 8 })).toBe(2);
    expect(threadsByRule({ cores: 2, load: 7.9, max: 8 })).toEqual({
      threads: 1,
      limitedBy: 'a load average of 7.9 on 2 cores',
    });
    expect(threads({ cores: 16, load: 4.2, max: 8 })).toBe(8);
    expect(threads({ cores: 16, load: 11, max: 8 })).toBe(5);
  });
});

describe('cgroupCpuQuota', () => {
  const files =
    (map: Record<string, string>) =>
    (path: string): string | undefined =>
      map[path];

  it('reads cgroup v2 cpu.max', () => {
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': '150000 100000\n' }))).toBe(1.5);
    expect(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': 'max 100000\n' }))).toBeUndefined();
  });

  it('reads cgroup v1 quota and period', () => {
    const v1 = (quota: string) =>
      files({
        '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': `${quota}\n`,
        '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000\n',
      });
    expect(cgroupCpuQuota(v1('200000'))).toBe(2);
    expect(cgroupCpuQuota(v1('-1'))).toBeUndefined();
  });

  it('finds no quota where there is no cgroup file', () => {
    expect(cgroupCpuQuota(files({}))).toBeUndefined();
  });
});
