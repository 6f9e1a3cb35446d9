// ESLint flat config: typescript-eslint's recommended rules plus the project's layering rules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'src/aws, src/policies, src/sandbox, src/bot and the engines (src/inject, src/chat, */engine) stay importable from plain Node: no vscode here.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'dist-vsix/**', '.vscode-test/**', 'node_modules/**', 'demo/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Import SDK values through src/aws/sdk.ts (loadSdk()), so activation never evaluates the SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/aws/sdk.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The plain-Node layers: no vscode, and (except sdk.ts) SDK values only through loadSdk().
    files: ['src/aws/**/*.ts', 'src/policies/**/*.ts', 'src/sandbox/**/*.ts', 'src/bot/**/*.ts', 'src/*/engine/**/*.ts', 'src/inject/*.ts', 'src/chat/*.ts'],
    ignores: ['src/aws/sdk.ts', 'src/inject/register.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Import SDK values through src/aws/sdk.ts (loadSdk()), so activation never evaluates the SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    // sdk.ts is the SDK chunk; the sandbox is a lazily loaded chunk of its own, so both may
    // import SDK packages (the build still fails if any reach dist/extension.js).
    files: ['src/aws/sdk.ts', 'src/sandbox/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/fixtures/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
);
