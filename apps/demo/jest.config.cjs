module.exports = {
  displayName: '@framewise/demo',
  preset: '../../jest.preset.cjs',
  // Unit specs beside the code, and the browser tests that build and serve the whole site.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/e2e/**/*.spec.ts'],
};
