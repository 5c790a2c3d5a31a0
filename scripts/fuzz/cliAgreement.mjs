// The CLI against the editor: the same mutant, saved to a file and checked by `ecr-guard scan`, must give
// the same findings at the same line and column as a fresh document in the server (one line model, one
// verdict), and the CLI must exit 0 or 1 (an exit 2 on one file means the run was aborted).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trackChild } from './cleanup.mjs';
import { Failure } from './client.mjs';

function runCli(cli, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code ?? null : 0, signal: error?.signal ?? null, killed: error?.killed === true, stdout, stderr });
    });
    trackChild(child);
  });
}

function keys(entries) {
  return entries.map((entry) => `${entry.rule}@${entry.line}:${entry.column}`).sort();
}

/** `reference` is a fresh editor document the server has not seen; `trustText` the workspace's trust list. */
export async function cliAgreement(options, reference, text, fileName, trustText) {
  // The CLI skips a file with a NUL as binary, by design; the editor checks the text it is given.
  if (text.includes('\u0000')) return;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-fuzz-cli-'));
  try {
    const file = path.join(folder, fileName);
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(folder, 'trust.json'), trustText);
    const result = await runCli(options.cli, ['scan', file, '--trust', path.join(folder, 'trust.json'), '--format', 'json', '--fail-on', 'never'], options.timeoutMs);
    if (result.killed) throw new Failure('hang', `the CLI did not finish in ${options.timeoutMs} ms`);
    if (result.code !== 0 && result.code !== 1) throw new Failure('cli', `the CLI exited ${result.code ?? result.signal}: ${result.stderr.trim().split('\n')[0]}`);
    const cli = keys(JSON.parse(result.stdout).findings);
    // As the CLI reads it (lone surrogates become U+FFFD), and without a leading BOM, as VS Code sends it.
    const published = await reference.open(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    reference.close();
    const editor = keys(published.diagnostics.filter((d) => d.source === 'ECR Guard' && d.code !== 'trust-list')
      .map((d) => ({ rule: d.code, line: d.range.start.line + 1, column: d.range.start.character + 1 })));
    if (cli.join() !== editor.join()) {
      throw new Failure('cli', `the CLI reports ${cli.slice(0, 3).join(', ') || 'nothing'}${cli.length > 3 ? '...' : ''}, the editor ${editor.slice(0, 3).join(', ') || 'nothing'}${editor.length > 3 ? '...' : ''}`);
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
