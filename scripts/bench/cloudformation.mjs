// The CloudFormation part of the benchmark: a generated ~300 KB YAML template of 1,000 repository policies,
// analysed in-process by the core (extract + rules, what the editor runs per version): the first analysis
// in a fresh process, then one-character edits inside a Sid in the middle (median), each checked to give
// the first analysis's findings. For comparison, edits that move every resource, edits of a parameter Default
// every policy may use, and the same Sid edits parsed whole (no per-resource cache).
//
//   node scripts/bench.mjs --only cloudformation      this part alone (needs esbuild, not a build)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { count, ms, size, trustList } from './common.mjs';
import { generateTemplate } from './cloudformationGen.mjs';

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

export async function benchCloudFormation(workspace) {
  const bundle = path.join(workspace, 'cfn-core.cjs');
  await bundleCore(bundle);
  const template = path.join(workspace, 'template.yaml');
  fs.writeFileSync(template, generateTemplate(CFN_SPEC.repositories));
  const trust = path.join(workspace, 'cfn-trust.json');
  fs.writeFileSync(trust, trustList());
  const output = execFileSync(process.execPath, [path.join(HERE, 'cloudformationRun.cjs'), bundle, template, trust, String(CFN_SPEC.edits), String(CFN_SPEC.warmup)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { spec: CFN_SPEC, ...JSON.parse(output) };
}

export function cloudFormationSection(result) {
  const { spec } = result;
  return [
    '## CloudFormation',
    '',
    `A generated ${size(result.bytes)} YAML template (${count(result.lines)} lines) of ${count(result.documents)} \`AWS::ECR::Repository\` policies`,
    '(pulls by the staging account, the own account through `!Sub` and `!Ref AWS::AccountId`, a partner from a parameter',
    '`Default`, `!If` per stage, CI pushes, organisation-bound wildcards, untrusted accounts, `ecr:*`) and a log group after every',
    'twentieth. Measured in-process on the core (extract, then the rules): the language server does not route templates to the',
    `CloudFormation source yet. ${count(result.findings)} findings. Each edit toggles the last character of a Sid in the middle; its`,
    'findings must equal the first analysis\'s.',
    '',
    '| Analysis | Median | Max | N |',
    '| --- | ---: | ---: | ---: |',
    `| First (fresh process, cold) | ${ms(result.firstMs)} | | 1 |`,
    `| One-character edit in a Sid | ${ms(result.sidEdit.median)} | ${ms(result.sidEdit.max)} | ${result.sidEdit.n} |`,
    `| A line added at the top (every resource moves) | ${ms(result.moved.median)} | ${ms(result.moved.max)} | ${result.moved.n} |`,
    `| The partner parameter's Default edited (every policy re-worked) | ${ms(result.parameter.median)} | ${ms(result.parameter.max)} | ${result.parameter.n} |`,
    `| One-character edit, template parsed whole (no per-resource cache) | ${ms(result.whole.median)} | ${ms(result.whole.max)} | ${result.whole.n} |`,
    '',
    `- First analysis ${ms(result.firstMs)} against a target of < ${spec.firstTarget} ms: ${result.firstMs < spec.firstTarget ? 'met' : '**missed**'}.`,
    `- Edit median ${ms(result.sidEdit.median)} against a target of < ${spec.editTarget} ms: ${result.sidEdit.median < spec.editTarget ? 'met' : '**missed**'}.`,
    result.failures.length === 0 ? '- Findings after every edit: the same as the first analysis: met.' : `- Findings after every edit: **${result.failures.length} mismatches**.`,
  ];
}
