module.exports = {
  displayName: '@framewise/summary',
  preset: '../../jest.preset.cjs',
};
