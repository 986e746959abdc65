// The linter: typescript-eslint's recommended rules without type information (fast enough for every `npm test` on a
// 2-core machine; `tsc` already does the type checks), plus the few rules the project's style relies on. Formatting
// is Prettier's job (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      '.vr-build/',
      'test-results/',
      'coverage/',
      '**/*.min.js',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // Unused code is a type error already (noUnusedLocals/noUnusedParameters); `_name` marks a deliberate one.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  {
    // The kit's browser code keeps a constructor's argument only it reads in a `#name` field, not a private parameter
    // property (`constructor(private readonly host: H)`): a consumer's minifier shortens `#` names, but must ship a
    // `private` one as written (CONTRIBUTING.md, "What only the class itself reads"). Public ones keep their name.
    files: ['src/**/*.ts', 'components/**/*.ts'],
    rules: {
      '@typescript-eslint/parameter-properties': [
        'error',
        { allow: ['readonly', 'public', 'public readonly', 'protected', 'protected readonly'] },
      ],
    },
  },
  {
    // Plain JavaScript: the build and test scripts run in Node, the bench drivers too (their page code runs in
    // Chromium through Playwright's evaluate).
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
    files: ['test/components/**/*.ts', 'test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
