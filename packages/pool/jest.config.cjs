module.exports = {
  displayName: '@framewise/pool',
  preset: '../../jest.preset.cjs',
};
