import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// The user's situation, not the test runner's: Jest's global setup points VK_ICD_FILENAMES at
// SwiftShader, which hides what a machine without GPU drivers prints. Run without it.
const BIN = join(__dirname, '../bin/framewise.js');
const MODEL = join(__dirname, '../../../packages/io/fixtures/framewise/td-conv-gru.json');
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('VK_')),
);
const ICD_DIRS = [
  '/etc/vulkan/icd.d',
  '/usr/share/vulkan/icd.d',
  '/usr/local/share/vulkan/icd.d',
  join(homedir(), '.local/share/vulkan/icd.d'),
];
const noVulkanDriver = ICD_DIRS.every((dir) => {
  try {
    return !readdirSync(dir).some((f) => f.endsWith('.json'));
  } catch {
    return true;
  }
});
const DRIVER_NOISE = /vkCreateInstance|VK_ERROR|Vulkan|Dawn|CheckVkSuccess|Warning:/;

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, timeout: 120_000 });

describe('the WebGPU probe under --backend auto', () => {
  it('prints no driver warnings before a summary', () => {
    const r = cli('summary', MODEL, '--backend', 'auto');
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(DRIVER_NOISE);
    expect(r.stdout).toMatch(/^Model: /);
  }, 120_000);

  it('prints none in framewise backends either, and gives what the drivers said as the reason', () => {
    const r = cli('backends');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const webgpu = r.stdout.split('\n').find((line) => line.startsWith('webgpu'));
    expect(webgpu).toBeDefined();
    if (process.platform === 'linux' && noVulkanDriver) {
      expect(webgpu).toMatch(/vkCreateInstance: Found no drivers!/);
    }
  }, 120_000);
});
