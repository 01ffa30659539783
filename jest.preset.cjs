// Shared Jest settings: TypeScript through SWC to CommonJS with `import()` left native (see
// tools/jest/swc-options.cjs; the test target runs Node with --experimental-vm-modules),
// workspace packages resolved from source through the `@framewise/source` export condition,
// tfjs' cpu backend active, and SwiftShader offered to WebGPU tests where there is no GPU.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: {
    customExportConditions: ['@framewise/source', 'node', 'require', 'default'],
  },
  transform: {
    '^.+\\.ts$': ['@swc/jest', { swcrc: false, ...require('./tools/jest/swc-options.cjs') }],
  },
  moduleFileExtensions: ['ts', 'js', 'cjs', 'mjs', 'json'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  setupFiles: [path.join(__dirname, 'tools/jest/setup-tfjs.cjs')],
  globalSetup: path.join(__dirname, 'tools/jest/global-setup.cjs'),
};
