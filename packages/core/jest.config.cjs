module.exports = {
  displayName: '@framewise/core',
  preset: '../../jest.preset.cjs',
};
