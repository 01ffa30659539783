import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');

describe('signals around a save', () => {
  it('ends the process by a SIGTERM that arrives as the save ends', () => {
    const child = spawnSync(
      process.execPath,
      [
        '--conditions=@framewise/source',
        '--import',
        'tsx',
        join(__dirname, 'testing/signal-race-child.test-helpers.ts'),
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(child.stdout).toBe('');
    expect(child.signal).toBe('SIGTERM');
  }, 90_000);
});
