import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import jsonc from 'jsonc-eslint-parser';
import path from 'node:path';
import tseslint from 'typescript-eslint';

// Which project may depend on which, by the `scope:*` tag in each package.json's `nx.tags`
// (CONTRIBUTING.md says the same in prose; change both together). A project's folder
// decides its scope, and the scope-tag rule below holds package.json to it:
//   scope:core     packages/core                        nothing of ours
//   scope:plugin   packages/layers, packages/backend-*  core
//   scope:lib      every other packages/* (summary, io, core, plugins, other libs
//                  testing, examples, bench)
//   scope:app      apps/*                               core, plugins, libs
//   scope:tool     tools/*                              anything
//   scope:example  docs/examples/*                      anything
// Files that only tests run may also use any core, plugin or lib (a plugin's tests may
// run on another plugin); apps and tools stay out of reach of every library.
const TEST_ONLY_FILES = ['**/*.spec.ts', '**/*.test-helpers.ts', '**/e2e/**', '**/jest.config.cjs'];
const RUNTIME = ['scope:core', 'scope:plugin', 'scope:lib'];
const ANYTHING = [
  { sourceTag: 'scope:tool', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'scope:example', onlyDependOnLibsWithTags: ['*'] },
];
const PRODUCTION_DEPENDENCIES = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:plugin', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: RUNTIME },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: RUNTIME },
  ...ANYTHING,
];
const TEST_DEPENDENCIES = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: RUNTIME },
  { sourceTag: 'scope:plugin', onlyDependOnLibsWithTags: RUNTIME },
  { sourceTag: 'scope:lib', onlyDependOnLibsWithTags: RUNTIME },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: RUNTIME },
  ...ANYTHING,
];

/** The scope a project's folder (relative to the repository root) gives it. */
function scopeOf(dir) {
  if (dir === 'packages/core') return 'scope:core';
  if (dir === 'packages/layers' || dir.startsWith('packages/backend-')) return 'scope:plugin';
  if (dir.startsWith('packages/')) return 'scope:lib';
  if (dir.startsWith('apps/')) return 'scope:app';
  if (dir.startsWith('tools/')) return 'scope:tool';
  if (dir.startsWith('docs/examples/')) return 'scope:example';
  return undefined;
}

// A project without its tag would escape the dependency rules, so package.json is checked.
const scopeTag = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const dir = path
      .relative(import.meta.dirname, path.dirname(context.filename))
      .split(path.sep)
      .join('/');
    const expected = scopeOf(dir);
    return {
      Program(node) {
        if (expected === undefined) return;
        const tags = JSON.parse(context.sourceCode.text).nx?.tags ?? [];
        const scopes = tags.filter((tag) => tag.startsWith('scope:'));
        if (scopes.length === 1 && scopes[0] === expected) return;
        context.report({
          node,
          message: `${dir}/package.json: expected "nx": { "tags": ["${expected}"] }, got scope tags [${scopes.join(', ')}]`,
        });
      },
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/out-tsc/**',
      '**/node_modules/**',
      '**/.nx/**',
      '**/coverage/**',
      'apps/demo/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Type-aware rules where they catch what tests miss: a promise nobody awaits loses its
    // rejection, and an async callback where void is expected runs unobserved.
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: {
          // Scripts outside every tsconfig: typed with the base options.
          allowDefaultProject: ['packages/io/tools/*.ts', 'tools/pack-check/fixtures/*.ts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Production code states what it knows: checked indices (at(), entry(), required()) or
    // narrowing, never a bare `!`. Tests may assert what they have just set up.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.test-helpers.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { depConstraints: PRODUCTION_DEPENDENCIES }],
    },
  },
  {
    // @framewise/testing is a scope:lib for tests: tags cannot say "not at run time", so
    // this rule does. Tools and examples may use it anywhere; it may use itself.
    files: ['packages/**/*.ts', 'apps/**/*.ts'],
    ignores: ['packages/testing/**', ...TEST_ONLY_FILES],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@framewise/testing', '@framewise/testing/*'],
              message: 'it is for tests: import it from *.spec.ts, *.test-helpers.ts or e2e/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: TEST_ONLY_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', { depConstraints: TEST_DEPENDENCIES }] },
  },
  {
    // What production code imports must be declared in its package.json (tests are
    // covered by the root devDependencies). Unused declarations are not flagged: the
    // peers of lazily loaded backends look unused to this rule.
    files: ['**/package.json'],
    languageOptions: { parser: jsonc },
    plugins: { '@nx': nx, framewise: { rules: { 'scope-tag': scopeTag } } },
    rules: {
      'framewise/scope-tag': 'error',
      '@nx/dependency-checks': [
        'error',
        {
          checkObsoleteDependencies: false,
          ignoredFiles: TEST_ONLY_FILES.map((glob) => `{projectRoot}/${glob}`),
        },
      ],
    },
  },
);
