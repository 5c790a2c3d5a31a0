import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers (see the README's Development section): what each folder may import. Paths are matched as written in the import.
const NODE_BUILTINS = {
  paths: builtinModules.filter((name) => !name.startsWith('_')).map((name) => ({ name, message: 'a Node built-in: this layer runs anywhere (text in, results out).' })),
  patterns: [{ regex: '^node:', message: 'a Node built-in: this layer runs anywhere (text in, results out).' }],
};
const VSCODE_PACKAGES = { regex: '^vscode(-|$|/)', message: 'an editor or LSP package: this layer knows nothing of editors.' };
/** A relative import into one of the folders (or entry points) `regex` names. */
const layer = (regex, what) => ({ regex, message: `${what}.` });
const restrict = (...groups) => ['error', {
  paths: groups.flatMap((group) => group.paths ?? []),
  patterns: groups.flatMap((group) => group.patterns ?? [group]),
}];

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
    // The pure analysis core: no I/O, no editor, and no layer built on it.
    files: ['server/src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(NODE_BUILTINS, VSCODE_PACKAGES,
        layer('^\\.\\.?/(.*/)?(lsp|cli|node|protocol|export|server)(/|$)', 'lsp/, cli/, node/, protocol/, export/ and the entry points build on core; core imports none of them')),
    },
  },
  {
    // Rule metadata is plain data that the protocol, and through it the VS Code client, import.
    files: ['server/src/core/rules/metadata.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '.', allowTypeImports: true, message: 'rule metadata is plain data: type imports only.' }] }],
    },
  },
  {
    // What client and server exchange: the LSP protocol package, core's types and the rule metadata, nothing else.
    files: ['server/src/protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '^(?!vscode-languageserver-protocol$|\\./(?!.*\\.\\.)|\\.\\./core/)', message: 'the protocol module imports only vscode-languageserver-protocol, types from core and the rule metadata.' },
        { regex: '^\\.\\./core/(?!rules/metadata$)', allowTypeImports: true, message: 'the protocol module takes only types from core (and the rule metadata): the client bundles it.' },
      ] }],
    },
  },
  {
    // Reports built from core's results, shared by the CLI and the editor: pure, like core.
    files: ['server/src/export/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(NODE_BUILTINS, VSCODE_PACKAGES,
        layer('^\\.\\.?/(.*/)?(lsp|cli|node|server)(/|$)', 'export/ is shared by the CLI and the language server; it imports neither, nor node/')),
    },
  },
  {
    // The audit bundle holds the AWS SDK: the CLI and the language server take its types, and load it at run
    // time through audit/load.ts, so that neither bundle includes the SDK.
    files: ['server/src/cli/**/*.ts', 'server/src/lsp/**/*.ts', 'server/src/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)audit/(?!load$)', allowTypeImports: true, message: 'the audit (and the AWS SDK) is loaded at run time through audit/load.ts: import only its types.' },
        { regex: '^@aws-sdk/', allowTypeImports: true, message: 'the AWS SDK belongs to the audit bundle (server/src/audit).' },
      ] }],
    },
  },
  {
    // The VS Code client talks to the server through the protocol module only.
    files: ['client/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(layer('(^|/)server/(?!src/protocol(/|$))', 'the client imports nothing of the server but server/src/protocol')),
    },
  },
  {
    // mocha's tdd ui, as the VS Code integration suite (test/vscode/suite/index.js) runs it
    files: ['test/vscode/suite/*.test.js'],
    languageOptions: {
      globals: { suite: 'readonly', test: 'readonly', suiteSetup: 'readonly', suiteTeardown: 'readonly', setup: 'readonly', teardown: 'readonly' },
    },
  },
);
