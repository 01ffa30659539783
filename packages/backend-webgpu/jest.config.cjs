module.exports = {
  displayName: '@framewise/backend-webgpu',
  preset: '../../jest.preset.cjs',
};
