// Its own Jest project: whole architectures are slow on the pure-JS backends, so these tests run
// in parallel with the other projects instead of lengthening one of them.
module.exports = {
  displayName: '@framewise/keras-applications-generator',
  preset: '../../jest.preset.cjs',
  testTimeout: 600_000,
};
