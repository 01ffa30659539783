module.exports = {
  displayName: '@framewise/io',
  preset: '../../jest.preset.cjs',
};
