// One flat config for the whole workspace. Module boundaries are enforced here: every project carries a
// scope:* and a type:* tag (project.json), and the rules below say which may import which.
import angular from '@angular-eslint/eslint-plugin';
import angularTemplate from '@angular-eslint/eslint-plugin-template';
import angularTemplateParser from '@angular-eslint/template-parser';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import jsoncParser from 'jsonc-eslint-parser';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'crypto', 'os'];

/** Who may depend on whom in product code. */
const productConstraints = [
  {
    sourceTag: 'type:contract',
    onlyDependOnLibsWithTags: ['type:contract'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'rxjs', 'rxjs/*', 'axios', 'express', 'fastify', '@fastify/*'],
  },
  {
    sourceTag: 'type:client',
    onlyDependOnLibsWithTags: ['type:contract'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'rxjs', 'rxjs/*', 'axios', 'express', 'fastify', '@fastify/*'],
  },
  {
    // The gateway protocol (hashes, token and signature checks): Node's crypto, no framework.
    sourceTag: 'type:protocol',
    onlyDependOnLibsWithTags: ['type:contract', 'type:protocol'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'rxjs', 'rxjs/*', 'axios', 'express', 'fastify', '@fastify/*'],
  },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:service', onlyDependOnLibsWithTags: ['scope:service', 'scope:shared'] },
  {
    sourceTag: 'scope:web',
    onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
    // The protocol library needs Node's crypto; the browser has none.
    notDependOnLibsWithTags: ['type:protocol'],
    bannedExternalImports: ['@nestjs/*', 'axios', 'express', 'fastify', '@fastify/*', 'ajv', 'ajv/*', ...nodeBuiltins],
  },
  {
    sourceTag: 'scope:simulator',
    onlyDependOnLibsWithTags: ['scope:simulator', 'scope:shared'],
    bannedExternalImports: ['@nestjs/*', '@angular/*', 'axios'],
  },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:tools', 'scope:shared', 'scope:simulator'] },
];

/** Tests of the service may start the simulator in-process as their upstream; product code may not. */
const testConstraints = productConstraints.map((c) =>
  c.sourceTag === 'scope:service' || c.sourceTag === 'scope:web'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'scope:simulator'] }
    : c,
);

/** The web app's browser tests run in Node: they may use its builtins, which the app itself may not. */
const webBrowserTestConstraints = testConstraints.map((c) =>
  c.sourceTag === 'scope:web'
    ? { ...c, bannedExternalImports: c.bannedExternalImports.filter((name) => !nodeBuiltins.includes(name)) }
    : c,
);

const boundaries = (depConstraints, allow = []) => [
  'error',
  { enforceBuildableLibDependency: false, allow, depConstraints, checkDynamicDependenciesExceptions: [] },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.angular',
      '**/src/generated',
      '**/coverage',
      'tmp',
      'test-output',
      'bench/results',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(productConstraints),
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Nest resolves constructor parameters from decorator metadata: those imports are values, not types.
    files: ['apps/ota-service/**/*.ts'],
    languageOptions: { parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true } },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      // The simulator is an app; tests (only) may start it in-process as their upstream.
      '@nx/enforce-module-boundaries': boundaries(testConstraints, ['@enos-ota/enos-simulator']),
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Build and test configuration may reach the workspace's shared presets by relative path.
    files: ['**/jest.config.js', '**/*.config.mjs', '**/*.config.js', 'tools/**/*'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/ota-web/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(webBrowserTestConstraints) },
  },
  {
    // What the service package installs comes from these manifests (npm run package): every runtime
    // import must be declared there, at the installed version, and nothing unused.
    files: ['apps/ota-service/package.json', 'libs/ota-contract/package.json'],
    languageOptions: { parser: jsoncParser },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: [
            '{projectRoot}/**/*.spec.ts',
            '{projectRoot}/test/**/*',
            '{projectRoot}/scripts/**/*',
            '{projectRoot}/jest.config.js',
            '{projectRoot}/src/testing/**/*',
          ],
        },
      ],
    },
  },
  // Angular (apps/ota-web): component rules on TypeScript, template and accessibility rules on HTML,
  // inline templates included.
  {
    files: ['apps/ota-web/src/**/*.ts'],
    plugins: { '@angular-eslint': angular, '@angular-eslint/template': angularTemplate },
    processor: angularTemplate.processors['extract-inline-html'],
    rules: {
      ...angular.configs.recommended.rules,
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'ota', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'ota', style: 'camelCase' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/no-output-native': 'error',
    },
  },
  {
    files: ['apps/ota-web/**/*.html'],
    languageOptions: { parser: angularTemplateParser },
    plugins: { '@angular-eslint/template': angularTemplate },
    rules: {
      ...angularTemplate.configs.recommended.rules,
      ...angularTemplate.configs.accessibility.rules,
      '@angular-eslint/template/button-has-type': 'error',
      '@angular-eslint/template/prefer-self-closing-tags': 'error',
    },
  },
  prettier,
];
