module.exports = {
  displayName: '@framewise/example-mask-rcnn-head',
  preset: '../../../jest.preset.cjs',
};
