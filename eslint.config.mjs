// ESLint flat config: typescript-eslint's recommended rules plus the project's layering rules
// (shared/DESIGN.md's arrows). Import cycles are checked by scripts/check-cycles.mjs.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noVscode = {
  name: 'vscode',
  message: 'src/aws, src/policies, src/provisioning, src/bot, src/sandbox and the engines inside features stay importable from plain Node: no vscode here.',
};
const sdkValues = {
  group: ['@aws-sdk/*', '@smithy/*'],
  allowTypeImports: true,
  message: 'Import SDK values through src/aws/sdk.ts (loadSdk()), so activation never evaluates the SDK.',
};

const PLAIN = ['aws', 'policies', 'provisioning', 'bot', 'sandbox'];
const FEATURES = ['pools', 'inject', 'chat', 'doctor', 'convtests', 'export'];
const SHARED = ['ui', 'connection'];

/** An import of one of these src/ folders from outside it: a relative path that goes up, then in. */
function folders(names, message) {
  return { regex: `^(?:\\.\\./)+(?:${names.join('|')})(?:/|$)`, message };
}
const otherFeature = (self) =>
  folders(
    FEATURES.filter((f) => f !== self),
    'Features never import each other: move what both need to src/aws, src/provisioning, src/policies or src/ui.',
  );
const sandboxOnlyFromHost = folders(['sandbox'], 'Only the sandbox host (src/connection/sandboxHost.ts) and scripts import src/sandbox.');
const noWebview = folders(['webview'], 'The chat page is a browser bundle; nothing in the extension host imports it.');

/** The whole no-restricted-imports setting for a set of files (a later setting replaces an earlier one). */
function restrict({ vscode = true, sdk = false, patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths: vscode ? [] : [noVscode], patterns: [...(sdk ? [] : [sdkValues]), ...patterns] }] };
}

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
    },
  },
  // The arrows, folder by folder. Plain folders: no vscode, no feature or shared VS Code service.
  { files: ['src/extension.ts'], rules: restrict({ patterns: [sandboxOnlyFromHost, noWebview] }) },
  {
    files: ['src/{aws,policies,provisioning,bot}/**/*.ts'],
    rules: restrict({
      vscode: false,
      patterns: [folders([...FEATURES, ...SHARED, 'webview'], 'Plain folders never import features or VS Code services.'), sandboxOnlyFromHost],
    }),
  },
  // sdk.ts is the SDK chunk; the sandbox is a lazily loaded chunk of its own, so both may
  // import SDK packages (the build still fails if any reach dist/extension.js).
  { files: ['src/aws/sdk.ts'], rules: restrict({ vscode: false, sdk: true }) },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: restrict({
      vscode: false,
      sdk: true,
      patterns: [folders([...FEATURES, ...SHARED, 'webview'], 'The sandbox is plain Node: it uses src/aws, src/policies and src/bot only.')],
    }),
  },
  // Shared VS Code services: every feature reads them; they read no feature.
  {
    files: ['src/ui/**/*.ts'],
    rules: restrict({
      patterns: [
        folders([...FEATURES, 'connection'], 'src/ui is shared by every feature: it imports no feature and not the connection manager.'),
        sandboxOnlyFromHost,
        noWebview,
      ],
    }),
  },
  {
    files: ['src/connection/**/*.ts'],
    ignores: ['src/connection/sandboxHost.ts'],
    rules: restrict({ patterns: [folders(FEATURES, 'The connection manager is shared by every feature: it imports none.'), sandboxOnlyFromHost, noWebview] }),
  },
  {
    files: ['src/connection/sandboxHost.ts'],
    rules: restrict({ patterns: [folders(FEATURES, 'The connection manager is shared by every feature: it imports none.'), noWebview] }),
  },
  // Features: plain folders, ui and the connection manager; never each other.
  ...FEATURES.map((feature) => ({ files: [`src/${feature}/**/*.ts`], rules: restrict({ patterns: [otherFeature(feature), sandboxOnlyFromHost, noWebview] }) })),
  // The engines inside features stay plain Node too.
  ...[
    ['inject', 'src/inject/*.ts'],
    ['chat', 'src/chat/*.ts'],
    ['doctor', 'src/doctor/*.ts'],
    ['convtests', 'src/convtests/*.ts'],
    ['pools', 'src/pools/{policyPaths,pins}.ts'],
  ].map(([feature, files]) => ({
    files: [files],
    ignores: ['src/*/register.ts'],
    rules: restrict({
      vscode: false,
      patterns: [otherFeature(feature), sandboxOnlyFromHost, noWebview, folders(SHARED, 'An engine inside a feature is plain Node: no VS Code services.')],
    }),
  })),
  // The chat page: a browser bundle that shares only the message protocol with the host.
  {
    files: ['src/webview/**/*.ts'],
    rules: restrict({
      vscode: false,
      patterns: [
        folders([...PLAIN, ...SHARED, 'pools', 'inject'], 'The chat page imports only src/chat/protocol.'),
        { regex: '^(?:\\.\\./)+chat/(?!protocol$)', message: 'The chat page imports only src/chat/protocol.' },
      ],
    }),
  },
  { files: ['test/**/*.ts', 'scripts/**'], rules: { 'no-restricted-imports': 'off' } },
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
