import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

/**
 * The import rules of eslint.config.mjs (see the README's Development section) fire: each layer's forbidden
 * imports are errors, and what the layer does import is not. Linted as text under a path in the layer.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const RULE = '@typescript-eslint/no-restricted-imports';

let eslint: ESLint | undefined;

/** The restricted-import messages for `code` as if it were the file at `file` (relative to the repository). */
async function restricted(file: string, code: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(`${code}\nexport const used = 1;\n`, { filePath: path.join(ROOT, file) });
  return result.messages.filter((message) => message.ruleId === RULE || message.fatal).map((message) => message.message);
}

async function forbidden(file: string, code: string): Promise<void> {
  const messages = await restricted(file, code);
  assert.strictEqual(messages.length, 1, `${file}: ${code} should be refused, got ${JSON.stringify(messages)}`);
}

async function allowed(file: string, code: string): Promise<void> {
  assert.deepStrictEqual(await restricted(file, code), [], `${file}: ${code}`);
}

describe('layers: the import rules fire', function () {
  this.timeout(60_000);

  const CORE = 'server/src/core/rules/example.ts';
  it('server/src/core: no Node built-ins, no vscode packages, no layer above it', async () => {
    for (const code of [
      "import * as fs from 'fs';",
      "import { join } from 'path';",
      "import { readFile } from 'node:fs/promises';",
      "import { Worker } from 'worker_threads';",
      "import { performance } from 'perf_hooks';",
      "import { pathToFileURL } from 'url';",
      "import { URI } from 'vscode-uri';",
      "import { Connection } from 'vscode-languageserver/node';",
      "import { TextDocument } from 'vscode-languageserver-textdocument';",
      "import { SOURCE } from '../../lsp/diagnostics';",
      "import { toolVersion } from '../../node/toolVersion';",
      "import { sarifLog } from '../../cli/sarif';",
      "import { ExportRequest } from '../../protocol';",
      "import { buildSarif } from '../../export/sarif';",
      "export * from '../../protocol/scan';",
    ]) await forbidden(CORE, code);
    await allowed(CORE, "import { Finding } from '../model';\nimport { RULE_METADATA } from './metadata';\nimport { parseTree } from 'jsonc-parser';");
  });

  it('server/src/core/rules/metadata.ts: types only', async () => {
    await forbidden('server/src/core/rules/metadata.ts', "import { RULE_IDS } from '../model';");
    await allowed('server/src/core/rules/metadata.ts', "import type { Severity } from '../model';");
  });

  const PROTOCOL = 'server/src/protocol/example.ts';
  it('server/src/protocol: the LSP protocol package, types from core and the rule metadata, nothing else', async () => {
    for (const code of [
      "import { RULE_IDS } from '../core/model';",
      "import { grantsInventory } from '../core/inventory';",
      "import { Connection } from 'vscode-languageserver/node';",
      "import { URI } from 'vscode-uri';",
      "import * as path from 'path';",
      "import { rangeOf } from '../lsp/diagnostics';",
      "import { csvField } from '../export/inventoryReport';",
      "export * from '../core/model';",
    ]) await forbidden(PROTOCOL, code);
    await allowed(PROTOCOL, [
      "import { RequestType } from 'vscode-languageserver-protocol';",
      "import type { Grant } from '../core/inventory';",
      "import { type Severity } from '../core/model';",
      "import { RULE_METADATA } from '../core/rules/metadata';",
      "import { granteeKey } from './presentation';",
      "export type { RuleId } from '../core/rules/metadata';",
    ].join('\n'));
  });

  const EXPORT = 'server/src/export/example.ts';
  it('server/src/export: no lsp/, cli/ or node/ (nor Node built-ins or vscode packages)', async () => {
    for (const code of [
      "import { rangeOf } from '../lsp/diagnostics';",
      "import { sarifLog } from '../cli/sarif';",
      "import { toolVersion } from '../node/toolVersion';",
      "import * as fs from 'fs';",
      "import { URI } from 'vscode-uri';",
    ]) await forbidden(EXPORT, code);
    await allowed(EXPORT, "import type { Grant } from '../core/inventory';\nimport { RULE_METADATA } from '../core/rules/metadata';\nimport { granteeKey } from '../protocol/presentation';");
  });

  const CLIENT = 'client/src/scan/example.ts';
  it('client/src: from the server only server/src/protocol', async () => {
    for (const code of [
      "import { RULE_IDS } from '../../../server/src/core/model';",
      "import type { Severity } from '../../../server/src/core/model';",
      "import { inventoryCsv } from '../../../server/src/export/inventoryReport';",
      "import { SOURCE } from '../../../server/src/lsp/diagnostics';",
      "import { startLanguageServer } from '../../../server/src/lsp/languageServer';",
    ]) await forbidden(CLIENT, code);
    await allowed(CLIENT, [
      "import { ExportRequest, RULE_IDS } from '../../../server/src/protocol';",
      "import { granteeKey } from '../../../server/src/protocol/presentation';",
      "import { window } from 'vscode';",
      "import { LanguageClient } from 'vscode-languageclient/node';",
      "import * as path from 'path';",
    ].join('\n'));
    await allowed('client/src/example.ts', "import { ANALYSED_SCHEMES } from '../../server/src/protocol';");
  });

  it('the layers themselves are clean, and the lsp layer is not restricted', async () => {
    await allowed('server/src/lsp/example.ts', "import * as fs from 'fs';\nimport { Connection } from 'vscode-languageserver/node';\nimport { toolVersion } from '../node/toolVersion';");
    eslint ??= new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['server/src/core', 'server/src/protocol', 'server/src/export', 'client/src']);
    const errors = results.flatMap((result) => result.messages.filter((message) => message.ruleId === RULE).map((message) => `${path.relative(ROOT, result.filePath)}: ${message.message}`));
    assert.deepStrictEqual(errors, []);
    assert.ok(results.length > 50, `${results.length} files linted`);
  });
});
