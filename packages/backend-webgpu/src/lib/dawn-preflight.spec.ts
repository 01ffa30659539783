import { checkSystemDrivers, driverMessages } from './dawn-preflight.js';

describe('the driver check in a child process', () => {
  it('keeps what Dawn and the Vulkan loader said, without prefixes and stack lines', () => {
    const stderr =
      'Warning: vkCreateInstance: Found no drivers!\n' +
      'Warning: vkCreateInstance failed with VK_ERROR_INCOMPATIBLE_DRIVER\n' +
      '    at CheckVkSuccessImpl (/dawn/src/dawn/native/vulkan/VulkanError.cpp:106)\n\n' +
      'Warning: vkCreateInstance: Found no drivers!\n';
    expect(driverMessages(stderr)).toEqual([
      'vkCreateInstance: Found no drivers!',
      'vkCreateInstance failed with VK_ERROR_INCOMPATIBLE_DRIVER',
    ]);
  });

  it('asks real Dawn through drivers that do not exist, and says what the loader said', async () => {
    const check = await checkSystemDrivers(
      { ...process, env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' } },
      ['backend=vulkan', 'framewise-test=missing-driver'],
      'webgpu',
    );
    if (process.platform !== 'linux') return;
    expect(check?.adapter).toBe(false);
    expect(check?.messages.join('\n')).toMatch(/Found no drivers|nonexistent\/icd\.json/);
  }, 60_000);
});
