// Gives WebGPU tests a Vulkan driver on machines without a GPU. Jest hands each test file a
// copy of process.env, so code under test cannot point the Vulkan loader (which reads the real
// environment) at a driver; this runs once in the parent process, whose environment the
// workers inherit. A user's own VK_* choice is left alone.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const DRIVER_VARIABLES = ['VK_ICD_FILENAMES', 'VK_DRIVER_FILES', 'VK_ADD_DRIVER_FILES'];
// Where the Vulkan loader looks for drivers (ICD manifests) by default on Linux.
const ICD_DIRS = [
  '/etc/vulkan/icd.d',
  '/etc/xdg/vulkan/icd.d',
  '/usr/local/share/vulkan/icd.d',
  '/usr/share/vulkan/icd.d',
  path.join(os.homedir(), '.local/share/vulkan/icd.d'),
];

function hasSystemDriver() {
  return ICD_DIRS.some((dir) => {
    try {
      return fs.readdirSync(dir).some((f) => f.endsWith('.json'));
    } catch {
      return false;
    }
  });
}

module.exports = function addSwiftShaderForWebgpuTests() {
  if (process.platform !== 'linux' || !fs.existsSync(SWIFTSHADER_ICD)) return;
  if (DRIVER_VARIABLES.some((name) => process.env[name])) return;
  // With a GPU driver present, add SwiftShader beside it (Dawn still ranks the GPU first);
  // without one, name it alone, which loaders older than VK_ADD_DRIVER_FILES understand too.
  const variable = hasSystemDriver() ? 'VK_ADD_DRIVER_FILES' : 'VK_ICD_FILENAMES';
  process.env[variable] = SWIFTSHADER_ICD;
};
