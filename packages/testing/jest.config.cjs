module.exports = {
  displayName: '@framewise/testing',
  preset: '../../jest.preset.cjs',
};
