module.exports = {
  displayName: '@framewise/layers',
  preset: '../../jest.preset.cjs',
};
