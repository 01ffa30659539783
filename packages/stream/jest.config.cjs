module.exports = {
  displayName: '@framewise/stream',
  preset: '../../jest.preset.cjs',
};
