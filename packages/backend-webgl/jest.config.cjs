module.exports = {
  displayName: '@framewise/backend-webgl',
  preset: '../../jest.preset.cjs',
};
