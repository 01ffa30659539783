module.exports = {
  displayName: '@framewise/backend-cpu',
  preset: '../../jest.preset.cjs',
};
