// Bundles the client, the language server and the CLI with esbuild. Type-checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { RULE_PAGES_DIR, rulePages } from './rule-pages.mjs';

const watch = process.argv.includes('--watch');
// --production: what ships in the .vsix, minified and without source maps.
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build asks import.meta.url for a require(); give the CommonJS bundle its own URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } },
  // The audit of deployed registries and the AWS SDK it needs: loaded by the CLI and the server only when an
  // audit runs (server/src/audit/load.ts), so `scan` and the language server do not load the SDK.
  { ...common, entryPoints: ['server/src/audit/runAudit.ts'], outfile: 'server/out/audit.js' },
];

// tree-sitter and the Terraform grammar ship as WebAssembly beside the server (no native addon); the
// grammar package's own install script and native binding are never used.
const require = createRequire(import.meta.url);
const grammarDir = dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
const wasmFiles = [
  [require.resolve('web-tree-sitter/tree-sitter.wasm'), 'tree-sitter.wasm'],
  [join(grammarDir, 'tree-sitter-terraform.wasm'), 'tree-sitter-terraform.wasm'],
  [join(grammarDir, 'LICENSE'), 'tree-sitter-hcl.LICENSE'],
];
mkdirSync('server/out', { recursive: true });
for (const [from, to] of wasmFiles) copyFileSync(from, join('server/out', to));

// Each rule's documentation as a page of its own, opened in the Markdown preview from a diagnostic's link.
rmSync(RULE_PAGES_DIR, { recursive: true, force: true });
mkdirSync(RULE_PAGES_DIR, { recursive: true });
for (const page of rulePages(readFileSync('README.md', 'utf8'))) writeFileSync(join(RULE_PAGES_DIR, page.file), page.text);

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
