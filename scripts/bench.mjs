// Editor-felt latency of the ECR Guard language server, measured the way VS Code drives it: the real
// `node server/out/server.js --stdio`, a didOpen of a generated policy, then one-character range edits, each
// timed from sending didChange to receiving the publishDiagnostics for that version (any debounce, the
// transfer and the client-side decoding included). A fresh server per size, so peak RSS (VmHWM) is per size.
//
//   npm run bench                      build, then every size
//   node scripts/bench.mjs --sizes 5k,1m --edits 50
//   BENCH_CPU_PROF=1 node scripts/bench.mjs --sizes 1m
//                                      also write a V8 CPU profile of each server to bench-out/profiles/
//                                      and print the time per pipeline stage and the functions with most self time
//   BENCH_SERVER_NODE_ARGS='--max-semi-space-size=64' node scripts/bench.mjs
//                                      run the server with extra node flags (V8 tuning experiments)
//
// Results: a Markdown table on stdout and in bench-out/results.md (git-ignored).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_SERVER: another bundle of the server (e.g. an unminified copy for readable profiles).
const SERVER = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(ROOT, 'server', 'out', 'server.js');
const OUT = path.join(ROOT, 'bench-out');
const WAIT_MS = 120_000;

/** Each size with its edit count (N) and warm-up edits not counted; targets from the spec, in ms at the median. */
const SIZES = [
  { label: '5 KB', key: '5k', bytes: 5 * 1024, edits: 100, warmup: 3, target: 30 },
  { label: '100 KB', key: '100k', bytes: 100 * 1024, edits: 60, warmup: 3 },
  { label: '1 MB', key: '1m', bytes: 1024 * 1024, edits: 40, warmup: 3, target: 150 },
  { label: '10 MB', key: '10m', bytes: 10 * 1024 * 1024, edits: 15, warmup: 2 },
];

const OWN = '111122223333';
const TRUSTED_PULL = '222233334444';
const TRUSTED_PUSH = '333344445555';
const ORG = 'o-a1b2c3d4e5';

function parseArgs(argv) {
  const options = {
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
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------------
// Policy generation: statements as teams write them (cross-account pulls, organisation-bound wildcards,
// CI pushes with wildcard actions, conditions, Deny guards) plus a few that ECR Guard reports.

function account(i) {
  return String(100000000000 + ((i * 7919) % 899999999999)).padStart(12, '0');
}

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

function trustList() {
  return `${JSON.stringify({
    ownAccounts: [OWN],
    organizationIds: [ORG],
    trustedAccounts: {
      [TRUSTED_PULL]: { name: 'staging', access: 'pull' },
      [TRUSTED_PUSH]: { name: 'ci-builder', access: 'push' },
    },
  }, null, 2)}\n`;
}

/** Position of the last character of the Sid string in the middle statement: the character the edits toggle. */
function editPosition(text, statements) {
  const sid = `"Stmt${String(Math.floor(statements / 2)).padStart(7, '0')}A"`;
  const offset = text.indexOf(sid);
  if (offset < 0) throw new Error(`${sid} not found`);
  const target = offset + sid.length - 2;
  const before = text.slice(0, target);
  const line = before.split('\n').length - 1;
  return { line, character: target - (before.lastIndexOf('\n') + 1) };
}

// ---------------------------------------------------------------------------------------------------------
// A minimal LSP client over stdio.

class Client {
  constructor(workspace, nodeArgs) {
    this.workspace = workspace;
    this.waiters = [];
    this.child = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      const ready = this.waiters.filter((waiter) => waiter.matches(params));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve({ at, params });
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({ trustList: '.ecr-trust.json', enable: true, maxFileSize: 50_000_000 })));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/showMessageRequest', () => null);
    this.connection.listen();
  }

  async initialize() {
    const uri = pathToFileURL(this.workspace).href;
    await this.timed(this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { synchronization: { dynamicRegistration: true }, publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true }, hover: { contentFormat: ['markdown'] } },
      },
    }), 'initialize');
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves with the arrival time of the publishDiagnostics for `uri` at `version`. */
  published(uri, version) {
    return this.timed(new Promise((resolve) => this.waiters.push({ matches: (params) => params.uri === uri && params.version === version, resolve })), `publishDiagnostics for version ${version}`);
  }

  timed(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${this.stderr}`)), WAIT_MS); });
    const died = this.exited.then(({ code, signal }) => { throw new Error(`server exited (${code ?? signal}) waiting for ${what}\n${this.stderr}`); });
    return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
  }

  peakRss() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
  }

  async shutdown() {
    await this.timed(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    const exit = await this.exited;
    this.connection.dispose();
    return exit;
  }
}

// ---------------------------------------------------------------------------------------------------------

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ms(value) {
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
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

  const client = new Client(workspace, nodeArgs);
  await client.initialize();
  let version = 1;
  const opened = client.published(uri, version);
  const openStart = performance.now();
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version, text } });
  const first = await opened;
  const openMs = first.at - openStart;
  const diagnostics = first.params.diagnostics.length;

  const position = editPosition(text, statements);
  const range = { start: position, end: { line: position.line, character: position.character + 1 } };
  const edits = options.edits ?? spec.edits;
  const latencies = [];
  for (let i = 0; i < spec.warmup + edits; i++) {
    version++;
    const published = client.published(uri, version);
    const start = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: version % 2 === 0 ? 'B' : 'A' }] });
    const { at, params } = await published;
    if (params.diagnostics.length !== diagnostics) throw new Error(`version ${version}: ${params.diagnostics.length} diagnostics, expected ${diagnostics}`);
    if (i >= spec.warmup) latencies.push(at - start);
  }
  const memory = client.peakRss();
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const exit = await client.shutdown();
  if (exit.code !== 0) throw new Error(`server exited with ${exit.code ?? exit.signal}`);
  fs.rmSync(file);

  latencies.sort((a, b) => a - b);
  return {
    spec, bytes: text.length, lines: text.split('\n').length, statements, diagnostics, openMs, edits: latencies.length,
    median: percentile(latencies, 50), p95: percentile(latencies, 95), min: latencies[0], max: latencies[latencies.length - 1],
    peakRss: memory.hwm,
    profile: options.profile ? path.join(profileDir, `server-${spec.key}.cpuprofile`) : undefined,
  };
}

/** Self time per function from a .cpuprofile, largest first. */
function topFunctions(file, count = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const intervals = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url || '')}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (intervals[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = (self.get('(idle) :0') ?? 0) + (self.get('(program) :0') ?? 0);
  return { total, idle, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, count), phases: phaseTimes(profile, byId) };
}

/**
 * Inclusive time of the server's pipeline stages (a sample counts for every stage on its stack), so the
 * profile says which step to optimise: parsing, rules, diagnostic conversion, or sending.
 */
const PHASES = [
  ['validate', 'the whole analysis of one version (LSP layer)'],
  ['extractJsonPolicies', 'parse + policy extraction'],
  ['parseTree', 'jsonc-parser parseTree'],
  ['checkPolicies', 'rules'],
  ['toDiagnostic', 'findings to LSP diagnostics'],
  ['positionAt', 'offset to line/character'],
  ['computeLineOffsets', 'line table of the document'],
  ['sendDiagnostics', 'publishDiagnostics (serialise + write)'],
  ['encode', 'JSON-RPC message encoding'],
  ['update', 'TextDocument.update (incremental sync)'],
  ['(garbage collector)', 'GC (all causes)'],
];

function phaseTimes(profile, byId) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackNames = new Map();
  const namesOf = (id) => {
    let names = stackNames.get(id);
    if (!names) {
      names = new Set();
      for (let current = id; current !== undefined; current = parent.get(current)) names.add(byId.get(current).callFrame.functionName);
      stackNames.set(id, names);
    }
    return names;
  };
  const totals = new Map(PHASES.map(([name]) => [name, 0]));
  for (let i = 0; i < profile.samples.length; i++) {
    const names = namesOf(profile.samples[i]);
    for (const [name] of PHASES) if (names.has(name)) totals.set(name, totals.get(name) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  return PHASES.map(([name, label]) => ({ name, label, ms: totals.get(name) }));
}

function machine() {
  const cpus = os.cpus();
  return `Node ${process.version}, ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${os.platform()} ${os.release()}`;
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
  const results = [];
  try {
    for (const spec of options.sizes) {
      process.stderr.write(`bench: ${spec.label}...`);
      const result = await benchSize(spec, options, workspace);
      results.push(result);
      process.stderr.write(` median ${ms(result.median)}, p95 ${ms(result.p95)}\n`);
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }

  const rows = [
    '| Policy | Statements | Findings | First analysis (didOpen → diagnostics) | Edit → diagnostics, median | p95 | Edits (N) | Server peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${size(r.bytes)} (${r.lines.toLocaleString('en')} lines) | ${r.statements.toLocaleString('en')} | ${r.diagnostics.toLocaleString('en')} | ${ms(r.openMs)} | ${ms(r.median)} | ${ms(r.p95)} | ${r.edits} | ${mb(r.peakRss)} |`),
  ];
  const verdicts = results.filter((r) => r.spec.target !== undefined)
    .map((r) => `- ${r.spec.label}: median ${ms(r.median)} against a target of < ${r.spec.target} ms: ${r.median < r.spec.target ? 'met' : '**missed**'}.`);
  const markdown = [
    `Measured with \`npm run bench\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}${options.serverNodeArgs.length > 0 ? ` (server run with \`${options.serverNodeArgs.join(' ')}\`)` : ''}.`,
    'Each edit toggles one character inside a Sid string in the middle of the policy (a range `didChange`) and is',
    'timed until the `publishDiagnostics` for that version arrives; one fresh server per size, edits after a short',
    'warm-up. Peak RSS is the server process\'s VmHWM.',
    '',
    ...rows,
    '',
    ...verdicts,
    '',
  ].join('\n');
  process.stdout.write(`\n${markdown}`);
  fs.writeFileSync(path.join(OUT, 'results.md'), markdown);
  fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results.map(({ spec, ...rest }) => ({ size: spec.label, ...rest })), null, 2)}\n`);

  if (options.profile) {
    for (const result of results) {
      if (!result.profile || !fs.existsSync(result.profile)) continue;
      const { total, idle, top, phases } = topFunctions(result.profile);
      const edits = result.edits + result.spec.warmup + 1;
      process.stdout.write(`\nCPU profile ${path.relative(ROOT, result.profile)} (${ms(total)} sampled, ${ms(idle)} idle/program, ${edits} analyses); inclusive time by stage:\n`);
      for (const phase of phases) process.stdout.write(`  ${ms(phase.ms).padStart(9)}  ${ms(phase.ms / edits).padStart(9)}/analysis  ${phase.name} (${phase.label})\n`);
      process.stdout.write('Most self time:\n');
      for (const [name, time] of top) process.stdout.write(`  ${ms(time).padStart(9)}  ${name}\n`);
    }
  }
}

await main();
