// The Terraform part of the benchmark: a ~1 MB .tf file of 2,000 policy documents (cold first analysis,
// then one-character edits inside a Sid in the middle), and twenty 100 KB .tf files of one module open and
// edited in one server (peak and final RSS). Every edit's findings must match those of the first analysis
// (same rules at the same ranges), and the 1 MB file's must match a one-shot `ecr-guard scan` of it: an
// incremental reparse or a block-cache reuse that goes wrong shows up as a difference.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { positionAt, summarize } from './common.mjs';
import { Client } from './lsp.mjs';
import { generateTerraform } from './terraformGen.mjs';

export const TF_FILE = { key: 'tf-1m', documents: 2000, edits: 60, warmup: 3, target: 30 };
export const TF_MEMORY = { key: 'tf-memory', files: 20, bytes: 100 * 1024, editsPerFile: 5, targetBytes: 250 * 1024 * 1024 };

/** Microseconds of the monotonic clock, the clock of V8's CPU profiles: marks which samples are the edits'. */
function now() {
  return Number(process.hrtime.bigint() / 1000n);
}

/** The range of the last character of `sid` (always "A" or "B"), the character the edits toggle. */
function sidRange(text, sid) {
  const quoted = `"${sid}"`;
  const offset = text.indexOf(quoted);
  if (offset < 0 || text.indexOf(quoted, offset + 1) >= 0) throw new Error(`${quoted} not found exactly once`);
  const start = positionAt(text, offset + quoted.length - 2);
  return { start, end: { line: start.line, character: start.character + 1 } };
}

/** What must not change when a Sid character changes: each finding's rule and range. */
function fingerprint(diagnostics) {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`).sort();
}

function difference(expected, actual) {
  const remaining = new Map();
  for (const key of expected) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  const extra = [];
  for (const key of actual) {
    if (remaining.get(key) > 0) remaining.set(key, remaining.get(key) - 1);
    else extra.push(key);
  }
  const missing = [...remaining].flatMap(([key, n]) => Array(n).fill(key));
  return missing.length + extra.length === 0 ? undefined : `${missing.length} missing (${missing.slice(0, 3).join(', ')}), ${extra.length} unexpected (${extra.slice(0, 3).join(', ')})`;
}

function countByRule(diagnostics) {
  const counts = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return counts;
}

function profileArgs(options, name, profileDir) {
  if (!options.profile) return options.serverNodeArgs;
  fs.mkdirSync(profileDir, { recursive: true });
  return [...options.serverNodeArgs, '--cpu-prof', '--cpu-prof-dir', profileDir, '--cpu-prof-name', `server-${name}.cpuprofile`];
}

/**
 * Starts a server and opens a tiny .tf file in a folder of its own, returning once its diagnostics arrive:
 * the tree-sitter WebAssembly is loaded by then, so later timings are of parsing and analysis only.
 */
async function startServer(ctx, name) {
  const client = new Client(ctx.server, ctx.workspace, profileArgs(ctx.options, name, ctx.profileDir), { heapStats: true });
  await client.initialize();
  const folder = path.join(ctx.workspace, `${name}-warmup`);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'main.tf');
  const { text } = generateTerraform({ documents: 3, prefix: 'warmup' });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const warmup = await client.open(uri, 'terraform', text);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { client, readyMs: warmup.ms };
}

async function stopServer(client) {
  const exit = await client.shutdown();
  if (exit.code !== 0) throw new Error(`server exited with ${exit.code ?? exit.signal}`);
}

/** Findings of a one-shot CLI scan (fresh parse, no caches), as the same fingerprints as diagnostics. */
function cliFingerprint(ctx, file) {
  const cli = path.join(path.dirname(ctx.server), 'cli.js');
  if (!fs.existsSync(cli)) return undefined;
  const out = execFileSync(process.execPath, [cli, 'scan', file, '--trust', path.join(ctx.workspace, '.ecr-trust.json'), '--format', 'json', '--fail-on', 'never'], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(out).findings.map((f) => `${f.rule}@${f.line - 1}:${f.column - 1}`).sort();
}

/** The 1 MB file: cold first analysis, then one-character edits in a Sid of a document in the middle. */
export async function benchTerraformFile(ctx) {
  const spec = TF_FILE;
  const { text, documents, editSid } = generateTerraform({ documents: spec.documents });
  const folder = path.join(ctx.workspace, spec.key);
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'main.tf');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  globalThis.gc?.();

  const { client, readyMs } = await startServer(ctx, spec.key);
  const failures = [];
  let version = 1;
  const openStart = now();
  const opened = await client.open(uri, 'terraform', text, version);
  const openWindow = [openStart, now()];
  const expected = fingerprint(opened.diagnostics);
  const afterOpen = client.peakRss();

  const cli = cliFingerprint(ctx, file);
  const cliDifference = cli && difference(cli, expected.map((key) => key.replace(/-\d+:\d+$/, '')));
  if (cliDifference) failures.push(`first analysis differs from \`ecr-guard scan\` of the same file: ${cliDifference}`);

  const range = sidRange(text, editSid);
  const edits = ctx.options.edits ?? spec.edits;
  const latencies = [];
  let windowStart;
  for (let i = 0; i < spec.warmup + edits; i++) {
    if (i === spec.warmup) windowStart = now();
    version++;
    const { ms, diagnostics } = await client.change(uri, version, range, version % 2 === 0 ? 'B' : 'A');
    const changed = difference(expected, fingerprint(diagnostics));
    if (changed) failures.push(`version ${version}: ${diagnostics.length} findings, expected ${expected.length}: ${changed}`);
    if (i >= spec.warmup) latencies.push(ms);
  }
  const window = [windowStart, now()];
  const memory = client.peakRss();
  const breakdown = client.memoryBreakdown();
  const heap = await client.heapStats();
  failures.push(...client.errors.map((message) => `server error: ${message.split('\n')[0]}`));
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await stopServer(client);
  fs.rmSync(folder, { recursive: true, force: true });

  return {
    kind: 'terraform-file', spec, bytes: text.length, lines: text.split('\n').length, documents, editSid, readyMs,
    openMs: opened.ms, findings: expected.length, byRule: countByRule(opened.diagnostics), cliChecked: cli !== undefined,
    ...summarize(latencies), peakRss: memory.hwm, rss: memory.rss, rssAfterOpen: afterOpen.rss, breakdown, failures,
    profile: ctx.options.profile ? path.join(ctx.profileDir, `server-${spec.key}.cpuprofile`) : undefined,
    heap, windows: [{ what: 'the cold first analysis', window: openWindow, per: 1, unit: 'open' }, { what: `the ${latencies.length} timed edits`, window, per: latencies.length, unit: 'edit' }],
  };
}

/** Twenty 100 KB files of one module, all open in one server, each edited several times. */
export async function benchTerraformMemory(ctx) {
  const spec = TF_MEMORY;
  const folder = path.join(ctx.workspace, spec.key);
  fs.mkdirSync(folder, { recursive: true });
  const files = [];
  for (let f = 1; f <= spec.files; f++) {
    const prefix = `m${String(f).padStart(2, '0')}`;
    const { text, documents, editSid } = generateTerraform({ bytes: spec.bytes, prefix });
    const file = path.join(folder, `${prefix}.tf`);
    fs.writeFileSync(file, text);
    files.push({ file, uri: pathToFileURL(file).href, text, documents, range: sidRange(text, editSid), version: 1 });
  }
  globalThis.gc?.();

  const { client, readyMs } = await startServer(ctx, spec.key);
  const baseline = client.peakRss();
  const failures = [];
  const openLatencies = [];
  for (const doc of files) {
    const opened = await client.open(doc.uri, 'terraform', doc.text, doc.version);
    doc.expected = fingerprint(opened.diagnostics);
    openLatencies.push(opened.ms);
  }
  const afterOpen = client.peakRss();
  const heapAfterOpen = await client.heapStats();
  const publishesBefore = client.publishes;
  const latencies = [];
  const windowStart = now();
  for (let round = 0; round < spec.editsPerFile; round++) {
    for (const doc of files) {
      doc.version++;
      const { ms, diagnostics } = await client.change(doc.uri, doc.version, doc.range, doc.version % 2 === 0 ? 'B' : 'A');
      const changed = difference(doc.expected, fingerprint(diagnostics));
      if (changed) failures.push(`${path.basename(doc.file)} version ${doc.version}: ${diagnostics.length} findings, expected ${doc.expected.length}: ${changed}`);
      latencies.push(ms);
    }
  }
  const window = [windowStart, now()];
  const publishesPerEdit = (client.publishes - publishesBefore) / latencies.length;
  const memory = client.peakRss();
  const breakdown = client.memoryBreakdown();
  const heap = await client.heapStats();
  failures.push(...client.errors.map((message) => `server error: ${message.split('\n')[0]}`));
  for (const doc of files) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: doc.uri } });
  await stopServer(client);
  fs.rmSync(folder, { recursive: true, force: true });

  return {
    kind: 'terraform-memory', spec, files: files.length, bytes: files.reduce((sum, doc) => sum + doc.text.length, 0),
    documents: files.reduce((sum, doc) => sum + doc.documents, 0), findings: files.reduce((sum, doc) => sum + doc.expected.length, 0),
    readyMs, openMedian: summarize(openLatencies).median, baselineRss: baseline.rss, rssAfterOpen: afterOpen.rss,
    ...summarize(latencies), publishesPerEdit, peakRss: memory.hwm, rss: memory.rss, breakdown, failures,
    profile: ctx.options.profile ? path.join(ctx.profileDir, `server-${spec.key}.cpuprofile`) : undefined,
    heap, heapAfterOpen, windows: [{ what: `the ${latencies.length} timed edits`, window, per: latencies.length, unit: 'edit' }],
  };
}
