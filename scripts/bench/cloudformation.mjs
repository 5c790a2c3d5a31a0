// The CloudFormation part of the benchmark: a generated ~300 KB YAML template of 1,000 repository policies,
// analysed in-process by the core (extract + rules, what the editor runs per version): the first analysis
// in a fresh process, then one-character edits inside a Sid in the middle (median), each checked to give
// the first analysis's findings. For comparison, edits that move every resource, edits of a parameter Default
// every policy may use, and the same Sid edits parsed whole (no per-resource cache). Then the same template
// opened (languageId yaml) and edited in the real language server, timed to each publishDiagnostics.
//
//   node scripts/bench.mjs --only cloudformation      this part alone (needs `npm run build`)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { pathToFileURL } from 'node:url';
import { count, mb, ms, positionAt, size, summarize, trustList } from './common.mjs';
import { generateTemplate, sidOf } from './cloudformationGen.mjs';
import { Client } from './lsp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const CFN_SPEC = { repositories: 1000, edits: 40, warmup: 3, firstTarget: 1000, editTarget: 50 };

/** The core's CloudFormation reader and rules, bundled for a plain node process. */
async function bundleCore(out) {
  const contents = [
    "export { extractCloudFormation, extractTemplate } from './server/src/core/cloudformation/extract';",
    "export { readWhole } from './server/src/core/cloudformation/readYaml';",
    "export { checkPolicies } from './server/src/core/analyze';",
    "export { parseTrustList } from './server/src/core/trust';",
  ].join('\n');
  await esbuild.build({ stdin: { contents, resolveDir: ROOT, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, mainFields: ['module', 'main'], logLevel: 'warning' });
}

/** `workspace` holds the benchmark's .ecr-trust.json; `server` is the built language server. */
export async function benchCloudFormation(workspace, server) {
  const bundle = path.join(workspace, 'cfn-core.cjs');
  await bundleCore(bundle);
  const text = generateTemplate(CFN_SPEC.repositories);
  const template = path.join(workspace, 'template.yaml');
  fs.writeFileSync(template, text);
  const trust = path.join(workspace, 'cfn-trust.json');
  fs.writeFileSync(trust, trustList());
  const output = execFileSync(process.execPath, [path.join(HERE, 'cloudformationRun.cjs'), bundle, template, trust, String(CFN_SPEC.edits), String(CFN_SPEC.warmup)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const core = JSON.parse(output);
  const lsp = await benchServer(server, workspace, template, text, core.findings);
  fs.rmSync(template);
  return { spec: CFN_SPEC, ...core, lsp };
}

/** The template in a fresh server: didOpen to diagnostics, then Sid edits to each version's diagnostics. */
async function benchServer(server, workspace, file, text, findings) {
  const client = new Client(server, workspace, []);
  await client.initialize();
  const uri = pathToFileURL(file).href;
  let version = 1;
  const opened = await client.open(uri, 'yaml', text, version);
  const failures = opened.diagnostics.length === findings ? [] : [`didOpen: ${opened.diagnostics.length} diagnostics, the core gave ${findings}`];
  const sid = sidOf(Math.floor(CFN_SPEC.repositories / 2));
  const start = positionAt(text, text.indexOf(sid) + sid.length - 1);
  const range = { start, end: { line: start.line, character: start.character + 1 } };
  const latencies = [];
  for (let i = 0; i < CFN_SPEC.warmup + CFN_SPEC.edits; i++) {
    version++;
    const changed = await client.change(uri, version, range, version % 2 === 0 ? 'B' : 'A');
    if (changed.diagnostics.length !== opened.diagnostics.length) failures.push(`version ${version}: ${changed.diagnostics.length} diagnostics`);
    if (i >= CFN_SPEC.warmup) latencies.push(changed.ms);
  }
  const peakRss = client.peakRss().hwm;
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const exit = await client.shutdown();
  if (exit.code !== 0) failures.push(`server exited with ${exit.code ?? exit.signal}`);
  return { openMs: opened.ms, diagnostics: opened.diagnostics.length, ...summarize(latencies), peakRss, failures };
}

export function cloudFormationSection(result) {
  const { spec } = result;
  return [
    '## CloudFormation',
    '',
    `A generated ${size(result.bytes)} YAML template (${count(result.lines)} lines) of ${count(result.documents)} \`AWS::ECR::Repository\` policies`,
    '(pulls by the staging account, the own account through `!Sub` and `!Ref AWS::AccountId`, a partner from a parameter',
    '`Default`, `!If` per stage, CI pushes, organisation-bound wildcards, untrusted accounts, `ecr:*`) and a log group after every',
    'twentieth. Measured in-process on the core (extract, then the rules), then in the language server (languageId `yaml`).',
    `${count(result.findings)} findings. Each edit toggles the last character of a Sid in the middle; its findings must equal the`,
    'first analysis\'s.',
    '',
    '| Analysis | Median | Max | N |',
    '| --- | ---: | ---: | ---: |',
    `| First (fresh process, cold) | ${ms(result.firstMs)} | | 1 |`,
    `| One-character edit in a Sid | ${ms(result.sidEdit.median)} | ${ms(result.sidEdit.max)} | ${result.sidEdit.n} |`,
    `| A line added at the top (every resource moves) | ${ms(result.moved.median)} | ${ms(result.moved.max)} | ${result.moved.n} |`,
    `| The partner parameter's Default edited (every policy re-worked) | ${ms(result.parameter.median)} | ${ms(result.parameter.max)} | ${result.parameter.n} |`,
    `| One-character edit, template parsed whole (no per-resource cache) | ${ms(result.whole.median)} | ${ms(result.whole.max)} | ${result.whole.n} |`,
    `| Language server: didOpen → diagnostics (fresh server) | ${ms(result.lsp.openMs)} | | 1 |`,
    `| Language server: Sid edit → diagnostics | ${ms(result.lsp.median)} | ${ms(result.lsp.max)} | ${result.lsp.n} |`,
    '',
    `The server published ${count(result.lsp.diagnostics)} diagnostics; its peak RSS was ${mb(result.lsp.peakRss)}.`,
    '',
    `- First analysis ${ms(result.firstMs)} against a target of < ${spec.firstTarget} ms: ${result.firstMs < spec.firstTarget ? 'met' : '**missed**'}.`,
    `- Edit median ${ms(result.sidEdit.median)} against a target of < ${spec.editTarget} ms: ${result.sidEdit.median < spec.editTarget ? 'met' : '**missed**'}.`,
    result.failures.length + result.lsp.failures.length === 0
      ? '- Findings after every edit, in the core and in the server: the same as the first analysis: met.'
      : `- Findings after every edit: **${result.failures.length + result.lsp.failures.length} mismatches**: ${[...result.failures, ...result.lsp.failures].slice(0, 5).join('; ')}.`,
  ];
}
