import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', '.vscode-test-cache/**', '.vscode-test/**', 'test/vscode/workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', Buffer: 'readonly', URL: 'readonly', exports: 'writable' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'eqeqeq': ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // mocha's tdd ui, as the VS Code integration suite (test/vscode/suite/index.js) runs it
    files: ['test/vscode/suite/*.test.js'],
    languageOptions: {
      globals: { suite: 'readonly', test: 'readonly', suiteSetup: 'readonly', suiteTeardown: 'readonly', setup: 'readonly', teardown: 'readonly' },
    },
  },
);
