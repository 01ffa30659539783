// Shared Jest settings: TypeScript through SWC to CommonJS, workspace packages resolved
// from source through the `@framewise/source` export condition, tfjs' cpu backend loaded.
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
};
