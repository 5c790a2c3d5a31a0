// extensionTestsPath module of the VS Code integration suite (run by test/vscode/run.mjs, either in the
// offline VS Code server harness or in @vscode/test-electron). Loads every *.test.js in this folder with
// mocha's tdd ui; with ECR_GUARD_SUITE=vsix (the run against the installed ecr-guard.vsix) only smoke*.test.js.
// Also exports screenshot(), for tests that want a picture of the workbench.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: process.env.MOCHA_REPORTER || 'spec' });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const smokeOnly = process.env.ECR_GUARD_SUITE === 'vsix';
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js') && (!smokeOnly || f.startsWith('smoke'))).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      console.log('0 passed, 1 failed');
      reject(new Error(`no ${smokeOnly ? 'smoke*' : '*'}.test.js files in ${__dirname}`));
      return;
    }
    let runner;
    try {
      runner = mocha.run(failures => {
        console.log(`${runner.stats.passes} passed, ${runner.stats.failures} failed`);   // plain summary line for CI
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (e) {   // a test file that throws while loading
      console.log('0 passed, 1 failed');
      reject(e);
    }
  });
};

// screenshot(file, {waitForSelector, timeout}) asks the offline driver (test/vscode/run-offline.js) for a
// screenshot of the workbench and resolves with the saved path once it is written. `file` is absolute or
// relative to the driver's screenshot folder; `waitForSelector` (CSS) is awaited in the page first, e.g.
// '.markers-panel .monaco-list-row' for rows in the Problems panel; `click` (a selector, or a list of steps
// `{selector, press, until}`: click, then press a key such as ArrowRight on a tree row, again while `until`
// does not show) comes first, each step waiting for its selector; `rightClick` (a selector) then opens that element's context menu (closed again after). Resolves undefined, taking nothing, when
// not run by that driver (ECR_GUARD_SCREENSHOT_DIR unset, e.g. under @vscode/test-electron).
exports.screenshot = function screenshot(file, { waitForSelector, click, rightClick, timeout = 20000 } = {}) {
  const dir = process.env.ECR_GUARD_SCREENSHOT_DIR;
  if (!dir) return Promise.resolve(undefined);
  const done = path.join(dir, 'screenshot-done');
  fs.rmSync(done, { force: true });
  const answer = new Promise((resolve, reject) => {
    let settled = false;
    const settle = fn => { settled = true; watcher.close(); clearTimeout(timer); fn(); };
    const check = () => {
      if (settled || !fs.existsSync(done)) return;
      const result = JSON.parse(fs.readFileSync(done, 'utf8'));
      fs.rmSync(done, { force: true });
      settle(() => (result.error ? reject(new Error(`screenshot: ${result.error}`)) : resolve(result.path)));
    };
    const watcher = fs.watch(dir, check);   // watch before the request is written: no missed answer
    const timer = setTimeout(() => settle(() => reject(new Error(`screenshot: no answer from the driver in ${timeout} ms`))), timeout);
  });
  const tmp = path.join(dir, 'screenshot-request.json.tmp');
  fs.writeFileSync(tmp, JSON.stringify({ path: file, waitForSelector, click, rightClick, timeout: Math.max(1000, timeout - 5000) }));
  fs.renameSync(tmp, path.join(dir, 'screenshot-request.json'));   // atomic: the driver never reads half a request
  return answer;
};
