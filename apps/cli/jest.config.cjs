module.exports = {
  displayName: '@framewise/cli',
  preset: '../../jest.preset.cjs',
};
