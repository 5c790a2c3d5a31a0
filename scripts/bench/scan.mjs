// The workspace scan benchmark (issue 6): a generated workspace of 10,000 files (about 100 MB, half of them
// ECR policies, scripts/bench/scanGen.mjs) scanned by the CLI, against the floor of just reading those files
// and JSON.parse-ing them, in the same run; the same workspace scanned by the language server
// (ecrGuard/scanWorkspace) while hovers are sent to it; and Terraform modules on their own (tree-sitter
// has no JSON.parse floor). Each timing is a fresh process, interleaved and repeated; medians are reported.
//
//   node scripts/bench/scan.mjs [--runs N] [--files N]     this part alone (needs `npm run build`)
//   node scripts/bench.mjs --only scan                     the same, through the main benchmark
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { count, load, machine, mb, ms, size, summarize } from './common.mjs';
import { generateScanWorkspace } from './scanGen.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const RSS_PRELOAD = path.join(HERE, 'scanRss.cjs');
export const SCAN_SPEC = { files: 10_000, bytes: 10 * 1024, runs: 3, terraformModules: 40, target: 3 };

/** The floor: walk the folder, read every file and JSON.parse the JSON ones; nothing else. */
const FLOOR_SCRIPT = `
const fs = require('fs'); const path = require('path');
let files = 0, bytes = 0;
(function walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (entry.name.endsWith('.json') && entry.name !== '.ecr-trust.json') {
      const text = fs.readFileSync(file, 'utf8');
      files++; bytes += Buffer.byteLength(text);
      JSON.parse(text);
    }
  }
})(process.argv[1]);
process.stdout.write(JSON.stringify({ files, bytes }));
`;

/**
 * Runs node with the RSS preload; wall time from spawn to exit, the child's peak RSS, and its CPU time (user
 * and system, every thread): on a loaded machine the wall time waits for the CPU, the CPU time does not.
 */
export function timedNode(args, cwd) {
  const rssFile = path.join(os.tmpdir(), `ecr-guard-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', RSS_PRELOAD, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ECR_GUARD_BENCH_RSS_FILE: rssFile } });
  const elapsed = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(0, 2000)}`);
  const [maxRss, user, system] = fs.readFileSync(rssFile, 'utf8').split(' ').map(Number);
  fs.rmSync(rssFile, { force: true });
  return { ms: elapsed, peakRss: maxRss * 1024, cpuMs: (user + system) / 1000, stdout: result.stdout };
}

function floorRun(workspace) {
  const run = timedNode(['-e', FLOOR_SCRIPT, workspace], ROOT);
  return { ...run, ...JSON.parse(run.stdout) };
}

export function cliRun(cli, workspace, output, extra = []) {
  const run = timedNode([cli, 'scan', workspace, '--format', 'json', '--output', output, '--fail-on', 'never', ...extra], ROOT);
  const report = JSON.parse(fs.readFileSync(output, 'utf8'));
  return { ...run, filesScanned: report.filesScanned, findings: report.findings.length };
}

/**
 * The language server scanning the workspace (it walks the folder itself), with a hover sent as soon as the
 * previous one is answered: how long a user waits for a hover while the scan runs.
 */
export async function serverRun(server, workspace) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = createRequire(import.meta.url)('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ trustList: '.ecr-trust.json', enable: true, maxFileSize: 20_000_000 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.listen();
  const rootUri = pathToFileURL(workspace).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL(path.join(workspace, 'open-policy.json')).href;
  const text = JSON.stringify({ Statement: [{ Sid: 'Hovered', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222233334444:root' }, Action: 'ecr:BatchGetImage' }] }, null, 2);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('222233334444'));
  const position = { line, character: lines[line].indexOf('arn:') + 3 };
  await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });

  let finished = false;
  const start = performance.now();
  const scan = connection.sendRequest('ecrGuard/scanWorkspace', {}).then((summary) => {
    finished = true;
    return { summary, ms: performance.now() - start };
  });
  const latencies = [];
  while (!finished) {
    const sent = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    if (!finished) latencies.push(performance.now() - sent);
  }
  const { summary, ms: elapsed } = await scan;
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakRss = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return { ms: elapsed, peakRss, summary, hovers: summarize(latencies.length > 0 ? latencies : [NaN]) };
}

export function median(values) {
  return summarize(values).median;
}

export async function benchScan({ cli = path.join(ROOT, 'server', 'out', 'cli.js'), server = path.join(ROOT, 'server', 'out', 'server.js'), runs = SCAN_SPEC.runs, files = SCAN_SPEC.files } = {}) {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-scan-bench-'));
  try {
    const workspace = path.join(base, 'workspace');
    const generated = generateScanWorkspace(workspace, { files, bytes: SCAN_SPEC.bytes });
    const output = path.join(base, 'report.json');
    floorRun(workspace);   // warm the page cache: both sides read from memory
    const floors = [];
    const clis = [];
    const singles = [];
    for (let i = 0; i < runs; i++) {
      floors.push(floorRun(workspace));
      clis.push(cliRun(cli, workspace, output));
      singles.push(cliRun(cli, workspace, output, ['--jobs', '1']));
    }
    const servers = [];
    for (let i = 0; i < Math.max(1, Math.min(runs, 2)); i++) servers.push(await serverRun(server, workspace));

    const terraformWorkspace = path.join(base, 'terraform');
    const terraform = generateScanWorkspace(terraformWorkspace, { files: 0, terraformModules: SCAN_SPEC.terraformModules });
    const terraformRuns = [];
    for (let i = 0; i < runs; i++) terraformRuns.push(cliRun(cli, terraformWorkspace, output));

    const floor = { ms: median(floors.map((r) => r.ms)), peakRss: Math.max(...floors.map((r) => r.peakRss)), files: floors[0].files, bytes: floors[0].bytes };
    const scan = { ms: median(clis.map((r) => r.ms)), peakRss: Math.max(...clis.map((r) => r.peakRss)), files: clis[0].filesScanned, findings: clis[0].findings, all: clis.map((r) => r.ms), floors: floors.map((r) => r.ms) };
    const single = { ms: median(singles.map((r) => r.ms)), peakRss: Math.max(...singles.map((r) => r.peakRss)), all: singles.map((r) => r.ms) };
    const lsp = {
      ms: median(servers.map((r) => r.ms)), peakRss: Math.max(...servers.map((r) => r.peakRss)), summary: servers[0].summary,
      hovers: servers.map((r) => r.hovers).sort((a, b) => a.n - b.n)[0], hoverMedian: median(servers.map((r) => r.hovers.median)), hoverMax: Math.max(...servers.map((r) => r.hovers.max)),
    };
    const tf = { ms: median(terraformRuns.map((r) => r.ms)), peakRss: Math.max(...terraformRuns.map((r) => r.peakRss)), files: terraform.terraformFiles, bytes: terraform.terraformBytes, findings: terraformRuns[0].findings };
    return { spec: { ...SCAN_SPEC, files, runs }, generated, floor, scan, single, lsp, terraform: tf, ratio: scan.ms / floor.ms, singleRatio: single.ms / floor.ms, cores: os.availableParallelism?.() ?? os.cpus().length };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const rate = (n, msValue) => `${count(Math.round(n / (msValue / 1000)))}`;
const mbps = (bytes, msValue) => (bytes / 1024 / 1024 / (msValue / 1000)).toFixed(0);

export function scanSection(result) {
  const { generated, floor, scan, single, lsp, terraform, spec } = result;
  const met = result.ratio <= spec.target;
  return [
    '## Workspace scan',
    '',
    `A generated workspace of ${count(generated.files)} JSON files (${size(generated.bytes)}): ${count(generated.policies)} ECR repository policies of about`,
    `${size(spec.bytes)} (cross-account pulls, organisation-bound wildcards, CI pushes, conditions, Deny guards, and some grants ECR Guard`,
    'reports), and S3/KMS policies, package manifests, configuration, translations and data. Every timing is a fresh',
    `process from spawn to exit, interleaved, median of ${spec.runs}; the floor reads every file and \`JSON.parse\`s it, nothing else.`,
    '',
    '| Run | Files | Time | Files/s | MB/s | Peak RSS | vs floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| Floor: read + \`JSON.parse\` | ${count(floor.files)} | ${ms(floor.ms)} | ${rate(floor.files, floor.ms)} | ${mbps(floor.bytes, floor.ms)} | ${mb(floor.peakRss)} | 1.0× |`,
    `| CLI: \`ecr-guard scan --format json\` (${count(scan.findings)} findings; ${result.cores} worker threads) | ${count(scan.files)} | ${ms(scan.ms)} | ${rate(scan.files, scan.ms)} | ${mbps(floor.bytes, scan.ms)} | ${mb(scan.peakRss)} | ${result.ratio.toFixed(1)}× |`,
    `| CLI with \`--jobs 1\` (one thread) | ${count(scan.files)} | ${ms(single.ms)} | ${rate(scan.files, single.ms)} | ${mbps(floor.bytes, single.ms)} | ${mb(single.peakRss)} | ${result.singleRatio.toFixed(1)}× |`,
    `| Language server: \`ecrGuard/scanWorkspace\` (publishes ${count(lsp.summary.filesWithFindings)} files' diagnostics, ${count(lsp.summary.grants)} grants) | ${count(lsp.summary.scanned)} | ${ms(lsp.ms)} | ${rate(lsp.summary.scanned, lsp.ms)} | ${mbps(floor.bytes, lsp.ms)} | ${mb(lsp.peakRss)} | ${(lsp.ms / floor.ms).toFixed(1)}× |`,
    `| Terraform: ${SCAN_SPEC.terraformModules} modules, CLI (tree-sitter; no \`JSON.parse\` floor) | ${count(terraform.files)} | ${ms(terraform.ms)} | ${rate(terraform.files, terraform.ms)} | ${(terraform.bytes / 1024 / 1024 / (terraform.ms / 1000)).toFixed(1)} | ${mb(terraform.peakRss)} | |`,
    '',
    `While the language server scanned, a hover was sent as soon as the previous one was answered: ${lsp.hovers.n} hovers, median ${ms(lsp.hoverMedian)},`,
    `slowest ${ms(lsp.hoverMax)} (the scan yields to the event loop after every 8 ms of work).`,
    '',
    `- CLI scan ${result.ratio.toFixed(1)}× the read + \`JSON.parse\` floor (runs: ${scan.all.map((v) => ms(v)).join(', ')}; floor: ${scan.floors.map((v) => ms(v)).join(', ')}), ${result.singleRatio.toFixed(1)}× on one thread (${single.all.map((v) => ms(v)).join(', ')}), against a target of within ${spec.target}×: ${met ? 'met' : '**missed**'}.`,
  ];
}

async function main() {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
  const before = load();
  process.stderr.write('bench: workspace scan...');
  const result = await benchScan({ runs: value('--runs', SCAN_SPEC.runs), files: value('--files', SCAN_SPEC.files) });
  process.stderr.write(` CLI ${ms(result.scan.ms)}, floor ${ms(result.floor.ms)} (${result.ratio.toFixed(1)}×)\n`);
  process.stdout.write(`Measured on ${machine()}; ${before} before, ${load()} after.\n\n${scanSection(result).join('\n')}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
