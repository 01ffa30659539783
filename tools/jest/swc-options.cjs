// `ignoreDynamic` keeps `import()` as a real dynamic import instead of turning it into
// `require()`: ESM-only packages (the `webgpu` Dawn addon) can then load from CommonJS-compiled
// code, through Jest's ESM loader (the test target runs Node with --experimental-vm-modules).
module.exports = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: 'inline',
};
