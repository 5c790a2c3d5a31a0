// What YAML costs the workspace scan. The JSON workspace of scripts/bench/scan.mjs with CloudFormation
// templates (YAML and JSON, a third of them with ECR policies, the rest S3/Lambda stacks) and YAML that is
// not CloudFormation (Kubernetes manifests, GitHub workflows, docker-compose files, Helm values) added, and
// each kind alone, scanned by the CLI; the YAML that is not CloudFormation against a floor that reads each
// file and takes the same substring look, and a Kubernetes-only repository through the language server too,
// whose scan summary counts the files that were parsed (none should be). An empty workspace gives the fixed
// cost of a run (process start, worker threads), so that the rest is the cost per file.
//
//   node scripts/bench/scanYaml.mjs [--runs N]      this part alone (needs `npm run build`)
//   node scripts/bench.mjs --only scan               with the JSON scan, through the main benchmark
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, load, machine, mb, ms, size } from './common.mjs';
import { cliRun, median, SCAN_SPEC, serverRun, timedNode } from './scan.mjs';
import { generateScanWorkspace } from './scanGen.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const YAML_SPEC = { templates: 1_000, otherYaml: 4_000, kubernetes: 5_000, runs: 3 };

/** The floor of a file ECR Guard looks at and leaves: read it and take the cheap look (recognize.ts's). */
const LOOK_SCRIPT = `
const fs = require('fs'); const path = require('path');
const typed = /\\bType["']?[ \\t]*:[ \\t]*["']?AWS::/;
let files = 0, bytes = 0, claimed = 0;
(function walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (/\\.(ya?ml|template|json)$/.test(entry.name) && entry.name !== '.ecr-trust.json') {
      const text = fs.readFileSync(file, 'utf8');
      files++; bytes += Buffer.byteLength(text);
      if (text.includes('AWSTemplateFormatVersion') || (text.includes('Resources') && typed.test(text))) claimed++;
    }
  }
})(process.argv[1]);
process.stdout.write(JSON.stringify({ files, bytes, claimed }));
`;

function lookRun(workspace) {
  const run = timedNode(['-e', LOOK_SCRIPT, workspace], ROOT);
  return { ...run, ...JSON.parse(run.stdout) };
}

/** Median time and peak RSS of each kind of run, interleaved over `runs` rounds. */
function rounds(runs, kinds) {
  const results = Object.fromEntries(Object.keys(kinds).map((key) => [key, []]));
  for (let i = 0; i < runs; i++) for (const [key, run] of Object.entries(kinds)) results[key].push(run());
  return Object.fromEntries(Object.entries(results).map(([key, list]) => [key, { ...list[0], ms: median(list.map((r) => r.ms)), peakRss: Math.max(...list.map((r) => r.peakRss)), all: list.map((r) => r.ms) }]));
}

export async function benchScanYaml({ cli = path.join(ROOT, 'server', 'out', 'cli.js'), server = path.join(ROOT, 'server', 'out', 'server.js'), runs = YAML_SPEC.runs } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-yaml-bench-'));
  try {
    const at = (name) => path.join(base, name);
    const generated = {
      empty: generateScanWorkspace(at('empty'), { files: 0 }),
      mixed: generateScanWorkspace(at('mixed'), { files: SCAN_SPEC.files, bytes: SCAN_SPEC.bytes, templates: YAML_SPEC.templates, otherYaml: YAML_SPEC.otherYaml }),
      templates: generateScanWorkspace(at('templates'), { files: 0, templates: YAML_SPEC.templates }),
      otherYaml: generateScanWorkspace(at('otherYaml'), { files: 0, otherYaml: YAML_SPEC.otherYaml }),
      kubernetes: generateScanWorkspace(at('kubernetes'), { files: 0, otherYaml: YAML_SPEC.kubernetes, yamlKinds: ['kubernetes'] }),
    };
    const output = at('report.json');
    for (const name of Object.keys(generated)) lookRun(at(name));   // warm the page cache
    const cliOf = (name) => () => cliRun(cli, at(name), output);
    const timed = rounds(runs, {
      emptyLook: () => lookRun(at('empty')), emptyCli: cliOf('empty'),
      mixed: cliOf('mixed'), templates: cliOf('templates'),
      otherYamlLook: () => lookRun(at('otherYaml')), otherYaml: cliOf('otherYaml'),
      kubernetesLook: () => lookRun(at('kubernetes')), kubernetes: cliOf('kubernetes'),
    });
    const kubernetesServer = await serverRun(server, at('kubernetes'));
    const mixedServer = await serverRun(server, at('mixed'));
    return { spec: { ...YAML_SPEC, runs }, generated, timed, kubernetesServer, mixedServer };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const rate = (n, value) => count(Math.round(n / (value / 1000)));
/** Microseconds per file over the fixed cost of a run on an empty workspace. */
const perFile = (run, fixed, files) => `${(((run.ms - fixed.ms) * 1000) / files).toFixed(0)} µs`;

/** `json`: the JSON-only scan of the same run (scan.mjs), the workspace before the YAML was added. */
export function scanYamlSection(result, json) {
  const { generated: g, timed: t, kubernetesServer: ks, mixedServer: ms_ } = result;
  const mixedFiles = g.mixed.files + g.mixed.templates + g.mixed.otherYaml;
  const mixedBytes = g.mixed.bytes + g.mixed.templateBytes + g.mixed.otherYamlBytes;
  const row = (label, files, bytes, run, fixed) => `| ${label} | ${count(files)} | ${size(bytes)} | ${ms(run.ms)} | ${rate(files, run.ms)} | ${mb(run.peakRss)} | ${perFile(run, fixed, files)} |`;
  const lines = [
    '## Workspace scan with CloudFormation and other YAML',
    '',
    `The JSON workspace above with ${count(g.mixed.templates)} CloudFormation templates added (${size(g.mixed.templateBytes)}; YAML three in four, the rest`,
    `\`*.template.json\`; ${count(g.mixed.ecrTemplates)} with ECR repository policies, the others S3/Lambda stacks) and ${count(g.mixed.otherYaml)} YAML files that are not`,
    `CloudFormation (${size(g.mixed.otherYamlBytes)}: Kubernetes manifests half of them, GitHub workflows, docker-compose files, Helm values),`,
    `and each kind alone. CLI \`ecr-guard scan --format json\`, fresh processes, interleaved, median of ${result.spec.runs}. "Per file" is the time`,
    'over the same command on an empty workspace (process start, worker threads), divided by the files.',
    '',
    '| Run | Files | Size | Time | Files/s | Peak RSS | Per file |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Empty workspace, CLI (the fixed cost) | 0 | | ${ms(t.emptyCli.ms)} | | ${mb(t.emptyCli.peakRss)} | |`,
  ];
  if (json) lines.push(`| Before: JSON only (scan above), CLI | ${count(json.scan.files)} | ${size(json.generated.bytes)} | ${ms(json.scan.ms)} | ${rate(json.scan.files, json.scan.ms)} | ${mb(json.scan.peakRss)} | ${perFile(json.scan, t.emptyCli, json.scan.files)} |`);
  lines.push(
    row('After: JSON + templates + other YAML, CLI', mixedFiles, mixedBytes, t.mixed, t.emptyCli),
    row('CloudFormation templates alone, CLI', g.templates.templates, g.templates.templateBytes, t.templates, t.emptyCli),
    row('Other YAML alone, CLI', g.otherYaml.otherYaml, g.otherYaml.otherYamlBytes, t.otherYaml, t.emptyCli),
    row('Other YAML alone, floor: read + substring look', g.otherYaml.otherYaml, g.otherYaml.otherYamlBytes, t.otherYamlLook, t.emptyLook),
    row('Kubernetes only, CLI', g.kubernetes.otherYaml, g.kubernetes.otherYamlBytes, t.kubernetes, t.emptyCli),
    row('Kubernetes only, floor: read + substring look', g.kubernetes.otherYaml, g.kubernetes.otherYamlBytes, t.kubernetesLook, t.emptyLook),
    `| Kubernetes only, language server \`ecrGuard/scanWorkspace\` | ${count(ks.summary.scanned)} | ${size(g.kubernetes.otherYamlBytes)} | ${ms(ks.ms)} | ${rate(ks.summary.scanned, ks.ms)} | ${mb(ks.peakRss)} | |`,
    `| After, language server \`ecrGuard/scanWorkspace\` (${count(ms_.summary.findings)} findings) | ${count(ms_.summary.scanned)} | ${size(mixedBytes)} | ${ms(ms_.ms)} | ${rate(ms_.summary.scanned, ms_.ms)} | ${mb(ms_.peakRss)} | |`,
    '',
    `- Kubernetes-only repository: the language server scanned ${count(ks.summary.scanned)} files and parsed ${count(ks.summary.parsed)} (${ks.summary.parsed === 0 ? 'none: met' : '**some parsed**'}); the floor's look claimed ${count(t.kubernetesLook.claimed)}.`,
    `- Mixed workspace: the language server parsed ${count(ms_.summary.parsed)} of ${count(ms_.summary.scanned)} files (the JSON files that pass the JSON pre-filter and the ${count(g.mixed.ecrTemplates)} templates with ECR types).`,
    `- CLI runs: after ${t.mixed.all.map((v) => ms(v)).join(', ')}; other YAML ${t.otherYaml.all.map((v) => ms(v)).join(', ')} against its floor ${t.otherYamlLook.all.map((v) => ms(v)).join(', ')}; empty ${t.emptyCli.all.map((v) => ms(v)).join(', ')}.`,
  );
  return lines;
}

async function main() {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : YAML_SPEC.runs;
  const before = load();
  process.stderr.write('bench: workspace scan with YAML...\n');
  const result = await benchScanYaml({ runs });
  process.stdout.write(`Measured on ${machine()}; ${before} before, ${load()} after.\n\n${scanYamlSection(result).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
