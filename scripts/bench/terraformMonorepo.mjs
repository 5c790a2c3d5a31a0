// The Terraform scan benchmark: a generated 5,000-file Terraform monorepo (scripts/bench/terraformMonorepoGen.mjs:
// 300 root and child modules, tfvars, 5% of the files about ECR policies in today's idioms) scanned by the CLI,
// against the floor of walking the tree, reading every file and tree-sitter-parsing the .tf/.tfvars files whose
// text could hold a policy (scripts/bench/terraformMonorepoFloor.cjs), in the same run. Each timing is a fresh
// process, floor and CLI interleaved, medians reported. Target: the CLI within 3× of the floor.
//
//   node scripts/bench/terraformMonorepo.mjs [--runs N]    this part alone (needs `npm run build`)
//   node scripts/bench.mjs --only terraform-scan            the same, through the main benchmark
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, load, machine, mb, ms, size } from './common.mjs';
import { cliRun, median, timedNode } from './scan.mjs';
import { generateMonorepo, MONOREPO } from './terraformMonorepoGen.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const FLOOR = path.join(HERE, 'terraformMonorepoFloor.cjs');
export const TF_SCAN_SPEC = { ...MONOREPO, runs: 3, target: 3 };

function floorRun(workspace, wasmDir, check = false) {
  const run = timedNode([FLOOR, workspace, wasmDir, ...(check ? ['--check'] : [])], ROOT);
  return { ...run, ...JSON.parse(run.stdout) };
}

function byRule(report) {
  const counts = {};
  for (const finding of report.findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  return counts;
}

export async function benchTerraformScan({ cli = path.join(ROOT, 'server', 'out', 'cli.js'), runs = TF_SCAN_SPEC.runs } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-tf-scan-bench-'));
  try {
    const workspace = path.join(base, 'monorepo');
    const generated = generateMonorepo(workspace);
    const output = path.join(base, 'report.json');
    const wasmDir = path.dirname(cli);
    // Untimed: every .tf/.tfvars file parses without a syntax error (the scan of broken HCL would mean little),
    // and the page cache is warm, so that both sides read from memory.
    const checked = floorRun(workspace, wasmDir, true);
    if (checked.withErrors.length > 0) throw new Error(`generated files with syntax errors: ${checked.withErrors.slice(0, 5).join(', ')}`);
    const serverLook = { modules: checked.modulesWithPolicy, files: checked.moduleParsed, bytes: checked.moduleParsedBytes };
    const floors = [];
    const clis = [];
    for (let i = 0; i < runs; i++) {
      floors.push(floorRun(workspace, wasmDir));
      clis.push(cliRun(cli, workspace, output));
    }
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    const floor = { ms: median(floors.map((r) => r.ms)), cpuMs: median(floors.map((r) => r.cpuMs)), peakRss: Math.max(...floors.map((r) => r.peakRss)), all: floors.map((r) => r.ms), files: floors[0].files, bytes: floors[0].bytes, parsed: floors[0].parsed, parsedBytes: floors[0].parsedBytes };
    const scan = { ms: median(clis.map((r) => r.ms)), cpuMs: median(clis.map((r) => r.cpuMs)), peakRss: Math.max(...clis.map((r) => r.peakRss)), all: clis.map((r) => r.ms), files: clis[0].filesScanned, findings: clis[0].findings, byRule: byRule(report) };
    return { spec: { ...TF_SCAN_SPEC, runs }, generated, floor, scan, serverLook, ratio: scan.ms / floor.ms, cores: os.availableParallelism?.() ?? os.cpus().length };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const rate = (n, value) => count(Math.round(n / (value / 1000)));
const IDIOMS = {
  dynamic: 'documents with a dynamic "statement" over a local list', forEach: 'for_each repositories sharing a document',
  jsonencodeFor: 'jsonencode policies built with for expressions', templatefile: 'templatefile policies and their templates',
  localModule: 'calls to `modules/ecr` with account lists', registryModule: 'calls to `terraform-aws-modules/ecr/aws`', tfvars: '`ecr.auto.tfvars` account lists',
};

export function terraformScanSection(result) {
  const { generated: g, floor, scan, spec } = result;
  const idioms = Object.entries(g.idioms).map(([idiom, n]) => `${n} ${IDIOMS[idiom] ?? idiom}`).join(', ');
  const rules = Object.entries(scan.byRule).map(([rule, n]) => `${n} ${rule}`).join(', ') || 'none';
  const look = result.serverLook;
  return [
    '## Terraform monorepo scan',
    '',
    `A generated Terraform monorepo of ${count(g.files)} files (${size(g.bytes)}) and the trust list, in ${g.folders} module folders (${g.roots} roots`,
    `\`environments/ENV/STACK/\`, ${g.folders - g.roots} child modules \`modules/NAME/\`): ${count(g.tf)} \`.tf\`, ${count(g.tfvars)} \`.tfvars\` (\`terraform.tfvars\`,`,
    `\`*.auto.tfvars\`), ${count(g.other)} others (READMEs, lock files, policy templates). ${count(g.ecrFiles)} files (${((100 * g.ecrFiles) / g.files).toFixed(0)}%) are about ECR policies:`,
    `${idioms}. The rest are VPCs, IAM roles, S3 buckets, Lambda functions, queues, tables and alarms, some with`,
    'assume-role and bucket-policy documents. The floor, in one process: walk the tree, read every file, load the',
    `server's tree-sitter WebAssembly and parse the ${count(floor.parsed)} \`.tf\`/\`.tfvars\` files (${size(floor.parsedBytes)}) whose text could hold a policy`,
    `(the server's cheap look, \`terraformMayHoldPolicy\`). The server parses more: in the ${look.modules} modules with such a file, every \`.tf\``,
    `file with locals or variables too (${count(look.files)} files, ${size(look.bytes)}). Fresh processes from spawn to exit, floor and CLI interleaved, median of ${spec.runs}.`,
    '',
    '| Run | Files | Time | Files/s | Peak RSS | vs floor | CPU time (user + system) | vs floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Floor: read all + tree-sitter parse of ${count(floor.parsed)} | ${count(floor.files)} | ${ms(floor.ms)} | ${rate(floor.files, floor.ms)} | ${mb(floor.peakRss)} | 1.0× | ${ms(floor.cpuMs)} | 1.0× |`,
    `| CLI: \`ecr-guard scan --format json\` (${count(scan.findings)} findings; ${result.cores} worker threads) | ${count(scan.files)} | ${ms(scan.ms)} | ${rate(scan.files, scan.ms)} | ${mb(scan.peakRss)} | ${result.ratio.toFixed(1)}× | ${ms(scan.cpuMs)} | ${(scan.cpuMs / floor.cpuMs).toFixed(1)}× |`,
    '',
    'The target is on the time; the CPU time (every thread of the process) says what a loaded machine hides: it does',
    'not wait for a core, and the worker threads add theirs up.',
    '',
    `Findings: ${rules}. The CLI's files are those it reads (\`filesScanned\`)${scan.files === g.tf ? ': the `.tf` files; it does not read `.tfvars`' : ''}.`,
    '',
    `- CLI scan of the monorepo ${result.ratio.toFixed(1)}× the floor (runs: ${scan.all.map((v) => ms(v)).join(', ')}; floor: ${floor.all.map((v) => ms(v)).join(', ')}), against a target of within ${spec.target}×: ${result.ratio <= spec.target ? 'met' : '**missed**'}.`,
  ];
}

async function main() {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : TF_SCAN_SPEC.runs;
  const before = load();
  process.stderr.write('bench: Terraform monorepo scan...');
  const result = await benchTerraformScan({ runs });
  process.stderr.write(` CLI ${ms(result.scan.ms)}, floor ${ms(result.floor.ms)} (${result.ratio.toFixed(1)}×)\n`);
  process.stdout.write(`Measured on ${machine()}; ${before} before, ${load()} after.\n\n${terraformScanSection(result).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
