module.exports = {
  displayName: '@framewise/examples',
  preset: '../../jest.preset.cjs',
};
