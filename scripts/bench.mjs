// Editor-felt latency of the ECR Guard language server, measured the way VS Code drives it: the real
// `node server/out/server.js --stdio`, a didOpen of a generated policy, then one-character range edits, each
// timed from sending didChange to receiving the publishDiagnostics for that version (any debounce, the
// transfer and the client-side decoding included). A fresh server per size, so peak RSS (VmHWM) is per size.
//
// Two parts: JSON policies of 5 KB to 10 MB, and Terraform (scripts/bench/terraform.mjs): a ~1 MB .tf file
// of 2,000 policy documents, and twenty 100 KB .tf files of one module open and edited in one server.
//
//   npm run bench                      build, then every part
//   node scripts/bench.mjs --only json --sizes 5k,1m --edits 50
//   node scripts/bench.mjs --only terraform
//   node scripts/bench.mjs --only scan          the workspace scan (scripts/bench/scan.mjs), then with
//                                      CloudFormation templates and other YAML (scripts/bench/scanYaml.mjs)
//   node scripts/bench.mjs --only cloudformation   a 300 KB template in the core (scripts/bench/cloudformation.mjs)
//   node scripts/bench.mjs --only terraform-scan   a generated 5,000-file Terraform monorepo scanned by the CLI,
//                                      against reading it and parsing its policy files (scripts/bench/terraformMonorepo.mjs)
//   node scripts/bench.mjs --only audit        ecr-guard audit of 2,000 repositories in each of 4 regions against
//                                      the local ECR endpoint, 20 ms per call (scripts/bench/audit.mjs)
//                                      one part (--sizes picks JSON sizes; --edits also sets the 1 MB .tf file's N)
//   BENCH_CPU_PROF=1 node scripts/bench.mjs --sizes 1m
//                                      also write a V8 CPU profile of each server to bench-out/profiles/
//                                      and print the time per pipeline stage and the functions with most self time
//   BENCH_SERVER_NODE_ARGS='--max-semi-space-size=64' node scripts/bench.mjs
//                                      run the server with extra node flags (V8 tuning experiments)
//
// Results: Markdown tables on stdout and in bench-out/results.md (git-ignored), raw numbers in results.json.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { account, count, load, machine, mb, ms, ORG, OWN, positionAt, size, summarize, trustList, TRUSTED_PULL, TRUSTED_PUSH } from './bench/common.mjs';
import { Client } from './bench/lsp.mjs';
import { JSON_PHASES, TERRAFORM_PHASES, topFunctions } from './bench/profile.mjs';
import { benchTerraformFile, benchTerraformMemory, TF_FILE, TF_MEMORY } from './bench/terraform.mjs';
import { benchScan, scanSection } from './bench/scan.mjs';
import { benchScanYaml, scanYamlSection } from './bench/scanYaml.mjs';
import { benchCloudFormation, cloudFormationSection } from './bench/cloudformation.mjs';
import { benchTerraformScan, terraformScanSection } from './bench/terraformMonorepo.mjs';
import { auditSection, benchAudit } from './bench/audit.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_SERVER: another bundle of the server (e.g. an unminified copy for readable profiles).
const SERVER = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'server', 'out', 'server.js');
const OUT = path.join(ROOT, 'bench-out');

/** Each size with its edit count (N) and warm-up edits not counted; targets from the spec, in ms at the median. */
const SIZES = [
  { label: '5 KB', key: '5k', bytes: 5 * 1024, edits: 100, warmup: 3, target: 30 },
  { label: '100 KB', key: '100k', bytes: 100 * 1024, edits: 60, warmup: 3 },
  { label: '1 MB', key: '1m', bytes: 1024 * 1024, edits: 40, warmup: 3, target: 150 },
  { label: '10 MB', key: '10m', bytes: 10 * 1024 * 1024, edits: 15, warmup: 2 },
];

const PARTS = ['json', 'terraform', 'scan', 'cloudformation', 'terraform-scan', 'audit'];

function parseArgs(argv) {
  const options = {
    only: undefined,
    sizes: SIZES,
    edits: undefined,
    profile: process.env.BENCH_CPU_PROF === '1' || argv.includes('--cpu-prof'),
    // Extra node flags for the server process, to try V8 settings without touching the server.
    serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') {
      const wanted = argv[++i].split(',').map((key) => key.trim().toLowerCase());
      options.sizes = SIZES.filter((size) => wanted.includes(size.key));
      if (options.sizes.length === 0) throw new Error(`--sizes takes some of ${SIZES.map((size) => size.key).join(',')}`);
    } else if (argv[i] === '--edits') {
      options.edits = Number(argv[++i]);
    } else if (argv[i] === '--only') {
      options.only = argv[++i];
      if (!PARTS.includes(options.only)) throw new Error(`--only takes one of ${PARTS.join(', ')}`);
    } else if (argv[i] !== '--cpu-prof') {
      throw new Error(`unknown argument ${argv[i]}; see the comment at the top of scripts/bench.mjs`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Policy generation: statements as teams write them (cross-account pulls, organisation-bound wildcards,
// CI pushes with wildcard actions, conditions, Deny guards) plus a few that ECR Guard reports.

function statement(i) {
  const sid = `Stmt${String(i).padStart(7, '0')}A`;
  switch (i % 10) {
    case 0:
    case 1:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${TRUSTED_PULL}:root`, `arn:aws:iam::${OWN}:role/deploy-${i}`] }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'] };
    case 2:
      return { Sid: sid, Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } };
    case 3:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PUSH}:role/ci-builder` }, Action: ['ecr:BatchGetImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'] };
    case 4:
      return { Sid: sid, Effect: 'Deny', Principal: '*', Action: ['ecr:BatchDeleteImage', 'ecr:DeleteRepository', 'ecr:SetRepositoryPolicy'], Condition: { StringNotEquals: { 'aws:PrincipalAccount': [OWN] } } };
    case 5:
      return { Sid: sid, Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:codebuild:eu-west-1:${OWN}:project/build-${i}` }, StringEquals: { 'aws:SourceAccount': OWN } } };
    case 6:
      // Cross-account pull by an account nobody approved: untrusted-account.
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${account(i)}:root`] }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages', 'ecr:ListImages'] };
    case 7:
      // A trusted pull account given ecr:Put*: external-write.
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TRUSTED_PULL}:root` }, Action: ['ecr:BatchGetImage', 'ecr:Put*'] };
    case 8:
      return { Sid: sid, Effect: 'Allow', Principal: { AWS: '*' }, Action: 'ecr:Describe*', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': [`${ORG}/r-ab12/ou-ab12-11111111/*`] } } };
    default:
      // A wildcard bound only by an IfExists condition: wildcard-principal.
      return i % 20 === 9
        ? { Sid: sid, Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: ['ecr:BatchGetImage'], Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } }
        : { Sid: sid, Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN}:root`] }, Action: ['ecr:*'] };
  }
}

/** 2-space-indented policy JSON of about `bytes` characters. */
function generatePolicy(bytes) {
  const statements = [];
  let size = 60;
  for (let i = 0; size < bytes; i++) {
    const next = statement(i);
    size += JSON.stringify(next, null, 2).split('\n').length * 4 + JSON.stringify(next, null, 2).length + 2;
    statements.push(next);
  }
  return `${JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2)}\n`;
}

/** Position of the last character of the Sid string in the middle statement: the character the edits toggle. */
function editPosition(text, statements) {
  const sid = `"Stmt${String(Math.floor(statements / 2)).padStart(7, '0')}A"`;
  const offset = text.indexOf(sid);
  if (offset < 0) throw new Error(`${sid} not found`);
  return positionAt(text, offset + sid.length - 2);
}

async function benchSize(spec, options, workspace) {
  const text = generatePolicy(spec.bytes);
  const statements = JSON.parse(text).Statement.length;
  const file = path.join(workspace, `policy-${spec.key}.json`);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const profileDir = path.join(OUT, 'profiles');
  const nodeArgs = [...options.serverNodeArgs, ...(options.profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `server-${spec.key}.cpuprofile`] : [])];
  if (options.profile) fs.mkdirSync(profileDir, { recursive: true });
  globalThis.gc?.();

  const client = new Client(SERVER, workspace, nodeArgs);
  await client.initialize();
  let version = 1;
  const opened = await client.open(uri, 'json', text, version);
  const diagnostics = opened.diagnostics.length;

  const position = editPosition(text, statements);
  const range = { start: position, end: { line: position.line, character: position.character + 1 } };
  const edits = options.edits ?? spec.edits;
  const latencies = [];
  for (let i = 0; i < spec.warmup + edits; i++) {
    version++;
    const changed = await client.change(uri, version, range, version % 2 === 0 ? 'B' : 'A');
    if (changed.diagnostics.length !== diagnostics) throw new Error(`version ${version}: ${changed.diagnostics.length} diagnostics, expected ${diagnostics}`);
    if (i >= spec.warmup) latencies.push(changed.ms);
  }
  const memory = client.peakRss();
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const exit = await client.shutdown();
  if (exit.code !== 0) throw new Error(`server exited with ${exit.code ?? exit.signal}`);
  fs.rmSync(file);

  const stats = summarize(latencies);
  return {
    spec, bytes: text.length, lines: text.split('\n').length, statements, diagnostics, openMs: opened.ms, edits: stats.n,
    median: stats.median, p95: stats.p95, min: stats.min, max: stats.max,
    peakRss: memory.hwm,
    profile: options.profile ? path.join(profileDir, `server-${spec.key}.cpuprofile`) : undefined,
    analyses: 1 + spec.warmup + edits,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Results

function jsonSection(results) {
  const verdicts = results.filter((r) => r.spec.target !== undefined)
    .map((r) => `- ${r.spec.label}: median ${ms(r.median)} against a target of < ${r.spec.target} ms: ${r.median < r.spec.target ? 'met' : '**missed**'}.`);
  return [
    '## JSON policies',
    '',
    'Each edit toggles one character inside a Sid string in the middle of the policy (a range `didChange`) and is',
    'timed until the `publishDiagnostics` for that version arrives; one fresh server per size, edits after a short',
    'warm-up. Peak RSS is the server process\'s VmHWM.',
    '',
    '| Policy | Statements | Findings | First analysis (didOpen → diagnostics) | Edit → diagnostics, median | p95 | Edits (N) | Server peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${size(r.bytes)} (${count(r.lines)} lines) | ${count(r.statements)} | ${count(r.diagnostics)} | ${ms(r.openMs)} | ${ms(r.median)} | ${ms(r.p95)} | ${r.edits} | ${mb(r.peakRss)} |`),
    '',
    ...verdicts,
  ];
}

/** Where the resident memory is: WebAssembly (tree-sitter trees), the V8 heap, the rest. */
function breakdown(memory, heap) {
  if (!memory) return 'breakdown unavailable (no /proc/PID/smaps)';
  const v8 = heap ? `, of which the V8 heap ${mb(heap.totalHeap)} (${mb(heap.usedHeap)} in use, live or not yet collected; new space ${mb(heap.spaces.new_space?.size ?? 0)})` : '';
  return `${mb(memory.wasm)} WebAssembly memory (tree-sitter), ${mb(memory.anonymous)} other anonymous memory${v8}, ${mb(memory.file)} code and libraries`;
}

function terraformSection(file, memory) {
  const lines = ['## Terraform', ''];
  const verdicts = [];
  if (file) {
    const rules = Object.entries(file.byRule).map(([rule, n]) => `${n} ${rule}`).join(', ');
    lines.push(
      `A generated ${size(file.bytes)} \`.tf\` file (${count(file.lines)} lines) of ${count(file.documents)} policy documents: \`aws_iam_policy_document\``,
      'data sources (principals with account ARNs and "*", pull actions, `ecr:*`, `ecr:Put*`, aws:PrincipalOrgID',
      'conditions, Deny guards, principals from a local, a variable and the caller identity, `source_policy_documents`,',
      'a few S3 documents to ignore), `aws_ecr_repository_policy` resources referencing them, and repository policies',
      'written as `jsonencode({...})` and as heredocs; a locals block. Opened with languageId `terraform` in a fresh',
      `server whose tree-sitter WebAssembly was already loaded (a tiny .tf file first: ${ms(file.readyMs)} from \`initialized\` to its diagnostics).`,
      `Each edit toggles the last character of the Sid \`${file.editSid}\` of a policy document in the middle of the file`,
      `(incremental reparse) and is timed until the \`publishDiagnostics\` of that version; ${file.spec.warmup} warm-up edits not counted.`,
      `Findings: ${rules}${file.cliChecked ? '; the same rules at the same places as a one-shot `ecr-guard scan` of the file' : ''}.`,
      '',
      '| .tf file | Policy documents | Findings | Cold parse + first analysis (didOpen → diagnostics) | Edit → diagnostics, median | p95 | min | max | Edits (N) | Server peak RSS |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${size(file.bytes)} (${count(file.lines)} lines) | ${count(file.documents)} | ${count(file.findings)} | ${ms(file.openMs)} | ${ms(file.median)} | ${ms(file.p95)} | ${ms(file.min)} | ${ms(file.max)} | ${file.n} | ${mb(file.peakRss)} |`,
      '',
      `Server memory after the edits: ${mb(file.rss)} RSS: ${breakdown(file.breakdown, file.heap)}.`,
      '',
    );
    verdicts.push(`- Terraform ${size(file.bytes)}, ${count(file.documents)} documents: median re-analysis ${ms(file.median)} against a target of < ${file.spec.target} ms: ${file.median < file.spec.target ? 'met' : '**missed**'}.`);
  }
  if (memory) {
    lines.push(
      `${memory.files} generated \`.tf\` files of about ${size(memory.spec.bytes)} each (${size(memory.bytes)}, ${count(memory.documents)} policy documents, ${count(memory.findings)} findings in all),`,
      `the files of one module (one folder), all opened in one server and then edited round-robin, ${memory.spec.editsPerFile} one-character`,
      'Sid edits per file, each waited for until its `publishDiagnostics`. An edit also re-checks the other open files',
      `of the module (${memory.publishesPerEdit.toFixed(1)} publishDiagnostics per edit). RSS before opening is after \`initialized\` and a tiny .tf file.`,
      '',
      '| Open files | Total size | RSS before opening | RSS with all open | Edits (N) | Edit → diagnostics, median | p95 | Server peak RSS (VmHWM) | RSS at the end |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${memory.files} | ${size(memory.bytes)} | ${mb(memory.baselineRss)} | ${mb(memory.rssAfterOpen)} | ${memory.n} | ${ms(memory.median)} | ${ms(memory.p95)} | ${mb(memory.peakRss)} | ${mb(memory.rss)} |`,
      '',
      `At the end: ${breakdown(memory.breakdown, memory.heap)}.`,
      '',
    );
    const peakMet = memory.peakRss < memory.spec.targetBytes;
    const endMet = memory.rss < memory.spec.targetBytes;
    verdicts.push(`- Terraform memory, ${memory.files} × ${size(memory.spec.bytes)} open and edited: peak RSS ${mb(memory.peakRss)}, ${mb(memory.rss)} at the end, against a target of < ${mb(memory.spec.targetBytes)}: ${peakMet && endMet ? 'met' : '**missed**'}.`);
  }
  const failures = [...(file?.failures ?? []), ...(memory?.failures ?? [])];
  verdicts.push(failures.length === 0
    ? '- Findings after every edit: the same rules at the same ranges as the first analysis, in every file: met.'
    : `- Findings after every edit: **${failures.length} mismatches** (incremental-parse or cache bug):\n${failures.slice(0, 10).map((failure) => `  - ${failure}`).join('\n')}`);
  return [...lines, ...verdicts];
}

function printProfiles(results) {
  for (const result of results) {
    if (!result.profile || !fs.existsSync(result.profile)) continue;
    // Terraform: the samples of each timed phase (the cold open, the edits); JSON: the whole run, per analysis.
    const windows = result.windows ?? [{ what: `${result.analyses} analyses`, per: result.analyses, unit: 'analysis' }];
    for (const { what, window, per, unit } of windows) {
      const { total, idle, top, phases } = topFunctions(result.profile, result.windows ? TERRAFORM_PHASES : JSON_PHASES, window);
      process.stdout.write(`\nCPU profile ${path.relative(ROOT, result.profile)}, ${what} (${ms(total)} sampled, ${ms(idle)} idle/program); inclusive time by stage:\n`);
      for (const phase of phases) process.stdout.write(`  ${ms(phase.ms).padStart(9)}  ${ms(phase.ms / per).padStart(9)}/${unit}  ${phase.name}: ${phase.label}\n`);
      process.stdout.write('Most self time:\n');
      for (const [name, time] of top) process.stdout.write(`  ${ms(time).padStart(9)}  ${ms(time / per).padStart(9)}/${unit}  ${name}\n`);
    }
  }
}

async function main() {
  if (!fs.existsSync(SERVER)) {
    console.error(`bench: ${path.relative(ROOT, SERVER)} is missing; run \`npm run build\` first (npm run bench does).`);
    process.exitCode = 2;
    return;
  }
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(OUT, { recursive: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-bench-'));
  fs.writeFileSync(path.join(workspace, '.ecr-trust.json'), trustList());
  const loadBefore = load();
  const json = [];
  let tfFile;
  let tfMemory;
  let scan;
  let scanYaml;
  let cloudFormation;
  let terraformScan;
  let audit;
  try {
    if (options.only === undefined || options.only === 'json') {
      for (const spec of options.sizes) {
        process.stderr.write(`bench: JSON ${spec.label}...`);
        const result = await benchSize(spec, options, workspace);
        json.push(result);
        process.stderr.write(` median ${ms(result.median)}, p95 ${ms(result.p95)}\n`);
      }
    }
    if (options.only === undefined || options.only === 'terraform') {
      const ctx = { server: SERVER, workspace, options, profileDir: path.join(OUT, 'profiles') };
      process.stderr.write(`bench: Terraform ${TF_FILE.documents} documents...`);
      tfFile = await benchTerraformFile(ctx);
      process.stderr.write(` first analysis ${ms(tfFile.openMs)}, median ${ms(tfFile.median)}, p95 ${ms(tfFile.p95)}\n`);
      process.stderr.write(`bench: Terraform memory, ${TF_MEMORY.files} files...`);
      tfMemory = await benchTerraformMemory(ctx);
      process.stderr.write(` peak RSS ${mb(tfMemory.peakRss)}, ${mb(tfMemory.rss)} at the end\n`);
    }
    if (options.only === undefined || options.only === 'scan') {
      process.stderr.write('bench: workspace scan, 10,000 files...');
      scan = await benchScan();
      process.stderr.write(` CLI ${ms(scan.scan.ms)}, floor ${ms(scan.floor.ms)} (${scan.ratio.toFixed(1)}×)\n`);
      process.stderr.write('bench: workspace scan with CloudFormation and other YAML...');
      scanYaml = await benchScanYaml();
      process.stderr.write(` CLI ${ms(scanYaml.timed.mixed.ms)}; Kubernetes only: ${scanYaml.kubernetesServer.summary.parsed} files parsed\n`);
    }
    if (options.only === undefined || options.only === 'cloudformation') {
      process.stderr.write('bench: CloudFormation, 1,000 repository policies...');
      cloudFormation = await benchCloudFormation(workspace, SERVER);
      process.stderr.write(` first analysis ${ms(cloudFormation.firstMs)}, edit median ${ms(cloudFormation.sidEdit.median)} (server ${ms(cloudFormation.lsp.median)})\n`);
    }
    if (options.only === undefined || options.only === 'terraform-scan') {
      process.stderr.write('bench: Terraform monorepo scan, 5,000 files...');
      terraformScan = await benchTerraformScan();
      process.stderr.write(` CLI ${ms(terraformScan.scan.ms)}, floor ${ms(terraformScan.floor.ms)} (${terraformScan.ratio.toFixed(1)}×)\n`);
    }
    if (options.only === undefined || options.only === 'audit') {
      process.stderr.write('bench: audit, 2,000 repositories in each of 4 regions, 20 ms per call...');
      audit = await benchAudit();
      process.stderr.write(` ${ms(audit.ms)} (${audit.calls} calls)\n`);
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }

  const markdown = [
    `Measured with \`npm run bench\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}${options.serverNodeArgs.length > 0 ? ` (server run with \`${options.serverNodeArgs.join(' ')}\`)` : ''};`,
    `${loadBefore} before, ${load()} after.`,
    '',
    ...(json.length > 0 ? [...jsonSection(json), ''] : []),
    ...(tfFile || tfMemory ? [...terraformSection(tfFile, tfMemory), ''] : []),
    ...(scan ? [...scanSection(scan), ''] : []),
    ...(scanYaml ? [...scanYamlSection(scanYaml, scan), ''] : []),
    ...(cloudFormation ? [...cloudFormationSection(cloudFormation), ''] : []),
    ...(terraformScan ? [...terraformScanSection(terraformScan), ''] : []),
    ...(audit ? [...auditSection(audit), ''] : []),
  ].join('\n');
  process.stdout.write(`\n${markdown}`);
  fs.writeFileSync(path.join(OUT, 'results.md'), markdown);
  const raw = [...json.map(({ spec, ...rest }) => ({ part: 'json', size: spec.label, ...rest })), ...[tfFile, tfMemory].filter(Boolean).map(({ spec, ...rest }) => ({ part: rest.kind, ...spec, ...rest }))];
  if (scan) raw.push({ part: 'scan', ...scan });
  if (scanYaml) raw.push({ part: 'scan-yaml', ...scanYaml });
  if (cloudFormation) raw.push({ part: 'cloudformation', ...cloudFormation });
  if (terraformScan) raw.push({ part: 'terraform-scan', ...terraformScan });
  if (audit) raw.push({ part: 'audit', ...audit });
  fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(raw, null, 2)}\n`);
  if ((tfFile?.failures.length ?? 0) + (tfMemory?.failures.length ?? 0) + (cloudFormation?.failures.length ?? 0) + (cloudFormation?.lsp.failures.length ?? 0) + (scanYaml?.kubernetesServer.summary.parsed ?? 0) > 0) process.exitCode = 1;

  if (options.profile) printProfiles([...json, tfFile, tfMemory].filter(Boolean));
}

await main();
