// The hostile tree: a workspace a cloned repository could be. FIFOs, .tf files that are symlinks to
// /dev/zero and /dev/urandom, a trust list that is a device or a FIFO, a directory named like a policy,
// symlink loops, binary files, a 30 MB file and an unreadable folder, beside one ordinary main.tf. The
// editor path (open main.tf: its module siblings are read), the workspace scan and the CLI must each
// finish in time, not crash and stay under the RSS limit; whatever hangs or grows is killed.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { trackChild, trackFolder, untrackFolder } from './cleanup.mjs';
import { Failure, FuzzClient } from './client.mjs';
import { mb, watchMemory } from './memory.mjs';
import { generator } from './random.mjs';
import { trustList } from './seeds.mjs';

const MAIN_TF = `data "aws_iam_policy_document" "pull" {
  statement {
    actions = ["ecr:BatchGetImage"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_ecr_repository_policy" "this" {
  repository = "app"
  policy     = data.aws_iam_policy_document.pull.json
}
`;

const POLICY_JSON = `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }, null, 2)}\n`;

/** About `bytes` of ordinary Terraform: a file too large to analyse, not a hostile one. */
function bigTerraform(bytes) {
  return MAIN_TF.repeat(Math.ceil(bytes / MAIN_TF.length));
}

function mkfifo(file) {
  execFileSync('mkfifo', [file]);
}

/** Builds the tree; `trust` is how .ecr-trust.json is hostile: regular, zero (/dev/zero) or fifo. */
function buildTree(trust) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-hostile-')));
  trackFolder(root, removeTree);
  const write = (name, data) => fs.writeFileSync(path.join(root, name), data);
  const link = (name, target) => fs.symlinkSync(target, path.join(root, name));
  write('main.tf', MAIN_TF);
  write('policy.json', POLICY_JSON);
  mkfifo(path.join(root, 'fifo.tf'));
  mkfifo(path.join(root, 'fifo.json'));
  link('zero.tf', '/dev/zero');
  link('urandom.tf', '/dev/urandom');
  link('zero.json', '/dev/zero');
  fs.mkdirSync(path.join(root, 'x.tf'));
  fs.writeFileSync(path.join(root, 'x.tf', 'inner.tf'), MAIN_TF);
  link('loop-a.tf', 'loop-b.tf');
  link('loop-b.tf', 'loop-a.tf');
  link('self', '.');
  const random = generator(9);
  write('binary.tf', Buffer.from(Array.from({ length: 65_536 }, () => random.int(256))));
  write('binary.json', Buffer.from(Array.from({ length: 65_536 }, () => random.int(256))));
  write('big.tf', bigTerraform(30 * 1024 * 1024));
  fs.mkdirSync(path.join(root, 'locked'));
  fs.writeFileSync(path.join(root, 'locked', 'policy.json'), POLICY_JSON);
  fs.chmodSync(path.join(root, 'locked'), 0o000);
  const trustFile = path.join(root, '.ecr-trust.json');
  if (trust === 'zero') link('.ecr-trust.json', '/dev/zero');
  else if (trust === 'fifo') mkfifo(trustFile);
  else fs.writeFileSync(trustFile, trustList());
  return root;
}

/** Removes the tree, FIFOs included (a FIFO left in /tmp can hang a later tool that reads it). */
function removeTree(root) {
  untrackFolder(root);
  try {
    fs.chmodSync(path.join(root, 'locked'), 0o700);
  } catch {
    // already gone
  }
  fs.rmSync(root, { recursive: true, force: true });
}

/** Runs `body(client)` in a fresh server on `root`, killed if it passes the RSS limit. */
async function withServer(options, root, settings, body) {
  const client = new FuzzClient(options.server, root, { settings });
  let over = 0;
  const memory = watchMemory(client.pid, options.rssLimit, (peak) => {
    over = peak;
    client.kill();
  });
  try {
    await client.initialize(options.hostileTimeoutMs);
    const detail = await body(client);
    return { passed: true, detail: `${detail}; peak RSS ${mb(memory.stop())}${client.takeErrors().length > 0 ? ' (the server logged errors)' : ''}` };
  } catch (error) {
    const peak = memory.stop();
    if (over) return { passed: false, kind: 'memory', detail: `killed at ${mb(over)} RSS (limit ${mb(options.rssLimit)})` };
    const kind = error instanceof Failure ? error.kind : 'fuzzer';
    return { passed: false, kind, detail: `${error.message.split('\n')[0]}; peak RSS ${mb(peak)}` };
  } finally {
    client.kill();
    await client.dispose(1000);
  }
}

function editorCheck(options, root, settings) {
  return withServer(options, root, settings, async (client) => {
    const uri = pathToFileURL(path.join(root, 'main.tf')).href;
    const published = client.published(uri, 1, options.hostileTimeoutMs);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'terraform', version: 1, text: MAIN_TF } });
    const { diagnostics } = await published;
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 24 } }, options.hostileTimeoutMs);
    return `main.tf opened: ${diagnostics.length} diagnostics, hover answered`;
  });
}

function scanCheck(options, root) {
  return withServer(options, root, {}, async (client) => {
    const walked = await client.request('ecrGuard/scanWorkspace', {}, options.hostileTimeoutMs);
    const files = fs.readdirSync(root).map((name) => pathToFileURL(path.join(root, name)).href);
    const listed = await client.request('ecrGuard/scanWorkspace', { files }, options.hostileTimeoutMs);
    return `scan of the folder: ${walked?.scanned} scanned, ${walked?.skippedCount} skipped; of its ${files.length} entries as a file list: ${listed?.scanned} scanned, ${listed?.skippedCount} skipped`;
  });
}

/** `ecr-guard scan ROOT --format sarif --output OUT`, with the timeout and the RSS limit. */
async function cliCheck(options, root) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-hostile-out-'));
  const output = path.join(outDir, 'out.sarif');
  const child = trackChild(spawn(process.execPath, [options.cli, 'scan', root, '--format', 'sarif', '--output', output], { cwd: outDir, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stdout.resume();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-5000); });
  let over = 0;
  let timedOut = false;
  const memory = watchMemory(child.pid, options.rssLimit, (peak) => {
    over = peak;
    child.kill('SIGKILL');
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.hostileTimeoutMs);
  const started = performance.now();
  const { code, signal } = await new Promise((resolve) => child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })));
  const elapsed = performance.now() - started;
  clearTimeout(timer);
  const peak = memory.stop();
  try {
    if (over) return { passed: false, kind: 'memory', detail: `killed at ${mb(over)} RSS (limit ${mb(options.rssLimit)})` };
    if (timedOut) return { passed: false, kind: 'hang', detail: `no exit in ${options.hostileTimeoutMs} ms; peak RSS ${mb(peak)}` };
    const summary = `exit ${code ?? signal} in ${(elapsed / 1000).toFixed(1)} s, peak RSS ${mb(peak)}`;
    if (signal || ![0, 1, 2].includes(code) || /\n\s+at /.test(stderr)) return { passed: false, kind: 'crash', detail: `${summary}: ${stderr.trim().split('\n')[0]}` };
    if (code !== 2) JSON.parse(fs.readFileSync(output, 'utf8'));
    return { passed: true, detail: `${summary}${code === 2 ? `: ${stderr.trim().split('\n')[0]}` : ', SARIF written'}` };
  } catch (error) {
    return { passed: false, kind: 'cli', detail: `exit ${code}, but the SARIF output is missing or broken: ${error.message}` };
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

/** Every hostile check, each `{ name, passed, kind?, detail }`; the three trees are checked side by side. */
export async function hostileTree(options, log) {
  const variants = ['regular', 'zero', 'fifo'].map(async (trust, order) => {
    const checks = [];
    const run = async (name, check) => {
      const started = performance.now();
      const result = await check();
      checks.push({ name, order, ms: performance.now() - started, ...result });
      log(`hostile: ${result.passed ? 'ok' : 'FAILED'} ${name}: ${result.detail}`);
    };
    const root = buildTree(trust);
    const label = { regular: 'a regular trust list', zero: '.ecr-trust.json -> /dev/zero', fifo: '.ecr-trust.json a FIFO' }[trust];
    try {
      await run(`editor, ${label}`, () => editorCheck(options, root, {}));
      await run(`workspace scan, ${label}`, () => scanCheck(options, root));
      await run(`CLI, ${label}`, () => cliCheck(options, root));
      if (trust === 'regular') await run('editor, ecrGuard.trustList = /dev/zero', () => editorCheck(options, root, { trustList: '/dev/zero' }));
    } finally {
      removeTree(root);
    }
    return checks;
  });
  return (await Promise.all(variants)).flat().map(({ order: _order, ...check }) => check);
}
