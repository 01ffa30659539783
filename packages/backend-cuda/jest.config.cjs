module.exports = {
  displayName: '@framewise/backend-cuda',
  preset: '../../jest.preset.cjs',
};
