// Every "what to install" sentence lives here, so probe reasons, errors and the test
// helper give the same advice.

/** Where Debian's and Ubuntu's `chromium` package puts SwiftShader's Vulkan driver manifest. */
export const CHROMIUM_SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Environment variables with which a user picks Vulkan drivers; Framewise leaves those alone. */
export const VULKAN_DRIVER_VARIABLES = [
  'VK_ICD_FILENAMES',
  'VK_DRIVER_FILES',
  'VK_ADD_DRIVER_FILES',
] as const;

/** How to get a software WebGPU adapter on a machine without a GPU (Linux). */
export const SWIFTSHADER_HINT =
  `without a GPU, install SwiftShader and the Vulkan loader (apt-get install libvulkan1 chromium; ` +
  `Framewise then finds ${CHROMIUM_SWIFTSHADER_ICD} by itself) ` +
  `or point VK_ICD_FILENAMES at a SwiftShader vk_swiftshader_icd.json`;

/** The optional Node package is missing. */
export const DAWN_MISSING =
  "the optional package 'webgpu' (Dawn, WebGPU for Node) is not installed: run npm install webgpu";

/** The browser has no `navigator.gpu`. */
export const BROWSER_WITHOUT_WEBGPU =
  'this browser exposes no navigator.gpu: use one with WebGPU enabled (Chrome or Edge 113+, ' +
  'Safari 26+, Firefox 141+ on Windows) on a secure (https or localhost) page';

/**
 * Dawn is there but found no adapter. `env` tells whether the user chose the Vulkan drivers
 * (then only those were tried, and Framewise added none).
 */
export function noAdapterInNode(
  platform: string,
  triedSwiftShader: boolean,
  env: Record<string, string | undefined> = {},
  driverMessages: string[] = [],
): string {
  const said = driverMessages.length ? ` (the drivers said: ${driverMessages.join('; ')})` : '';
  const tried = `${said}${triedSwiftShader ? `, not even SwiftShader at ${CHROMIUM_SWIFTSHADER_ICD}` : ''}`;
  if (platform !== 'linux') {
    return `Dawn found no WebGPU adapter${tried}: update the GPU driver (Metal on macOS, D3D12 or Vulkan on Windows)`;
  }
  const chosen = VULKAN_DRIVER_VARIABLES.filter((name) => env[name]).map(
    (name) => `${name}=${env[name]}`,
  );
  if (chosen.length > 0) {
    return (
      `Dawn found no WebGPU adapter through the Vulkan drivers named by ${chosen.join(' ')}${said}: ` +
      `check that those manifests exist and that libvulkan1 is installed, or unset the ` +
      `variable to use the system's drivers (and Chromium's SwiftShader where there is no GPU)`
    );
  }
  return (
    `Dawn found no WebGPU adapter through Vulkan${tried}: with a GPU, install its Vulkan driver ` +
    `(libvulkan1 and the vendor's ICD: mesa-vulkan-drivers, or NVIDIA's driver); ${SWIFTSHADER_HINT}`
  );
}

/** `import('webgpu')` failed for another reason than a missing package. */
export function dawnLoadFailed(message: string): string {
  const underJest = /vm modules|experimental-vm-modules|dynamic import callback/i.test(message);
  return (
    `the package 'webgpu' (Dawn) did not load: ${message}` +
    (underJest
      ? ' (under Jest, run it with NODE_OPTIONS=--experimental-vm-modules, as `nx test` does)'
      : '')
  );
}
