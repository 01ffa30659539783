import { cgroupCpuQuota, threadsByRule } from './thread-rule.js';

describe('threadsByRule', () => {
  it('runs one thread on one core, and every core up to the most the build runs', () => {
    expect(threadsByRule({ cores: 1, max: 8 })).toBe(1);
    expect(threadsByRule({ cores: 2, max: 8 })).toBe(2);
    expect(threadsByRule({ cores: 16, max: 8 })).toBe(8);
  });

  it('runs no more threads than the CPU quota allows, rounded up', () => {
    expect(threadsByRule({ cores: 16, cpuQuota: 1, max: 8 })).toBe(1);
    expect(threadsByRule({ cores: 16, cpuQuota: 0.5, max: 8 })).toBe(1);
    expect(threadsByRule({ cores: 16, cpuQuota: 1.5, max: 8 })).toBe(2);
    expect(threadsByRule({ cores: 2, cpuQuota: 4, max: 8 })).toBe(2);
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
