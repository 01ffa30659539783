module.exports = {
  displayName: '@framewise/example-mobilenet-frame-encoder',
  preset: '../../../jest.preset.cjs',
  testTimeout: 120_000,
};
