// `npm run test:vscode`: the integration suite (test/vscode/suite) inside a real VS Code.
//
// Default (CI, offline machines): scripts/vscode-offline-install.sh installs the harness into
// .vscode-test-cache/ (a no-op once done), then test/vscode/run-offline.js runs the suite in the VS Code
// server build of the `code-server` npm package with headless Chromium (/usr/bin/chromium) as the window:
//   1. against the working tree (extensionDevelopmentPath = repo root; run `npm run build` first);
//   2. if ecr-guard.vsix exists (`npm run package`), against that VSIX installed into a fresh extensions
//      dir, with ECR_GUARD_SUITE=vsix so the suite loads only its smoke*.test.js files.
// Each run opens a fresh temp folder named `examples`: a copy of examples/ with the extra fixtures of
// test/vscode/workspace/ added on top (see its README), and schemas/ beside it. Screenshots the tests request
// (suite/index.js screenshot()) land in .vscode-test-cache/screenshots/ (override: ECR_GUARD_SCREENSHOTS);
// with ECR_GUARD_UPDATE_SCREENSHOT=1, a passing run copies the suite's workbench.png to docs/screenshot.png
// and workbench-cloudformation.png to docs/screenshot-cloudformation.png (the README's pictures: refresh them
// that way when the UI changes, and commit them).
//
// ECR_GUARD_VSCODE=electron: where VS Code can be downloaded, the same two runs use @vscode/test-electron
// (desktop VS Code, ECR_GUARD_VSCODE_VERSION, default stable) instead; no screenshots there.
// Other env: ECR_GUARD_VSCODE_TIMEOUT (seconds per run, default 300), MOCHA_GREP, VSCODE_TEST_VERBOSE=1.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suite = path.join(root, 'test/vscode/suite/index.js');
const examples = path.join(root, 'examples');
const fixture = path.join(root, 'test/vscode/workspace');   // extras on top of examples/
const vsix = path.join(root, 'ecr-guard.vsix');
const shots = path.resolve(process.env.ECR_GUARD_SCREENSHOTS || path.join(root, '.vscode-test-cache/screenshots'));
const timeout = process.env.ECR_GUARD_VSCODE_TIMEOUT || '300';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-vscode-run-'));

// A fresh workspace per run (tests may edit files without touching the repo): examples/ plus the extras in
// test/vscode/workspace/ (its README.md excepted), which may not shadow an example file.
function freshWorkspace(name) {
  const dir = path.join(tmp, name, 'examples');
  fs.cpSync(examples, dir, { recursive: true });
  const extras = fs.readdirSync(fixture, { recursive: true, withFileTypes: true }).filter(e => e.isFile())
    .map(e => path.relative(fixture, path.join(e.parentPath, e.name))).filter(f => f !== 'README.md');
  for (const file of extras) {
    if (fs.existsSync(path.join(dir, file))) throw new Error(`test:vscode: ${path.join(fixture, file)} would shadow examples/${file}`);
    fs.cpSync(path.join(fixture, file), path.join(dir, file));
  }
  // schemas/ beside the folder, as in the repository (examples name no $schema; the extension maps it by file name)
  fs.cpSync(path.join(root, 'schemas'), path.join(tmp, name, 'schemas'), { recursive: true });
  return dir;
}

const runs = [{ name: 'working tree', env: {} }];
if (fs.existsSync(vsix)) runs.push({ name: `installed ${path.basename(vsix)} (${fs.statSync(vsix).mtime.toISOString()})`, env: { ECR_GUARD_SUITE: 'vsix' } });
else console.log(`test:vscode: no ${path.basename(vsix)} (npm run package builds it): skipping the run against the installed VSIX`);

// Offline driver: one run; echoes its output and tallies the suite's "N passed, N failed" line.
let child;
function runOffline(args, extraEnv) {
  return new Promise(resolve => {
    const env = { ...process.env, ...extraEnv };
    if (!extraEnv.ECR_GUARD_SUITE) delete env.ECR_GUARD_SUITE;
    child = spawn(process.execPath, [path.join(root, 'test/vscode/run-offline.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
    const tally = { passed: 0, failed: 0, seen: false };
    let partial = '';
    child.stdout.on('data', d => {
      process.stdout.write(d);
      const lines = (partial + d).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        const m = /^(\d+) passed, (\d+) failed$/.exec(line.trim());
        if (m) Object.assign(tally, { passed: Number(m[1]), failed: Number(m[2]), seen: true });
      }
    });
    child.on('exit', (code, signal) => { child = undefined; resolve({ code: code ?? (signal ? 1 : 0), ...tally }); });
  });
}
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { interrupted = true; if (child) child.kill(sig); });

// ECR_GUARD_UPDATE_SCREENSHOT=1: the README's pictures are the working-tree run's screenshots, taken only
// from a run whose tests all passed.
const README_SCREENSHOTS = {
  'workbench.png': 'docs/screenshot.png',
  'workbench-cloudformation.png': 'docs/screenshot-cloudformation.png',
  ...Object.fromEntries(['onboarding-create-trust-list.png', 'onboarding-walkthrough.png', 'docs-quick-fix-menu.png', 'statushints-inlay-hints-codelens.png', 'inventory-context-menu.png', 'highlighting-terraform.png', 'audit-deployed.png']
    .map((name) => [name, `docs/screenshots/${name}`])),
};
function updateScreenshots(result) {
  for (const [name, target] of Object.entries(README_SCREENSHOTS)) {
    const shot = path.join(shots, name);   // written by suite/zz-screenshot.test.js
    if (result.code !== 0 || !result.seen || result.failed > 0) console.log(`test:vscode: the run failed; ${target} left as it was`);
    else if (!fs.existsSync(shot)) console.log(`test:vscode: the suite wrote no ${shot} (MOCHA_GREP?); ${target} left as it was`);
    else {
      fs.copyFileSync(shot, path.join(root, target));
      console.log(`test:vscode: copied ${shot} to ${target}`);
    }
  }
}

async function offline() {
  const install = spawnSync('bash', [path.join(root, 'scripts/vscode-offline-install.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (install.status !== 0) throw new Error('test:vscode: installing the offline VS Code harness failed');
  const results = [];
  for (const [i, run] of runs.entries()) {
    if (interrupted) return false;
    console.log(`\ntest:vscode: run ${i + 1}/${runs.length}: ${run.name}`);
    const target = run.env.ECR_GUARD_SUITE ? ['--install-vsix', vsix] : ['--extensionDevelopmentPath', root];
    results.push(await runOffline([...target, '--extensionTestsPath', suite, '--workspace', freshWorkspace(`run${i}`),
      '--screenshot', path.join(shots, run.env.ECR_GUARD_SUITE ? 'vsix' : '', 'vscode.png'), '--timeout', timeout], run.env));
    if (i === 0 && process.env.ECR_GUARD_UPDATE_SCREENSHOT === '1') updateScreenshots(results[0]);
  }
  // One closing line for all runs; a run that died before its summary counts as one failure.
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + (r.code !== 0 && !r.failed ? 1 : r.failed), 0);
  console.log(`\nvscode: ${passed} passed, ${failed} failed`);
  return results.every(r => r.code === 0 && r.seen);
}

async function electron() {
  const { runTests, runVSCodeCommand } = createRequire(import.meta.url)('@vscode/test-electron');
  const version = process.env.ECR_GUARD_VSCODE_VERSION || 'stable';
  let ok = true;
  for (const [i, run] of runs.entries()) {
    console.log(`\ntest:vscode (electron): run ${i + 1}/${runs.length}: ${run.name}`);
    const opts = { version, extensionTestsPath: suite, extensionDevelopmentPath: root,
      extensionTestsEnv: { ECR_GUARD_SUITE: run.env.ECR_GUARD_SUITE || '' },
      launchArgs: [freshWorkspace(`run${i}`), '--disable-workspace-trust', '--disable-extensions'] };
    try {
      if (run.env.ECR_GUARD_SUITE) {
        // The VSIX goes into an empty extensions dir; the development path is an empty folder, which only
        // makes VS Code run the tests (as in run-offline.js).
        const extensionsDir = path.join(tmp, `run${i}-extensions`);
        opts.extensionDevelopmentPath = path.join(tmp, `run${i}-no-dev-extension`);
        fs.mkdirSync(opts.extensionDevelopmentPath, { recursive: true });
        await runVSCodeCommand(['--install-extension', vsix, `--extensions-dir=${extensionsDir}`], { version });
        opts.launchArgs.splice(2, 1, `--extensions-dir=${extensionsDir}`);
        opts.extensionTestsEnv.ECR_GUARD_EXTENSIONS_DIR = extensionsDir;
      }
      await runTests(opts);
    } catch (e) {
      console.error(e.message || e);
      ok = false;
    }
  }
  return ok;
}

let ok;
try {
  if (!fs.existsSync(fixture)) throw new Error(`test:vscode: fixture workspace ${fixture} is missing`);
  for (const name of Object.keys(README_SCREENSHOTS)) fs.rmSync(path.join(shots, name), { force: true });   // never copy a stale picture
  ok = await (process.env.ECR_GUARD_VSCODE === 'electron' ? electron() : offline());
} catch (e) {
  ok = false;
  console.error(e.message || e);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
