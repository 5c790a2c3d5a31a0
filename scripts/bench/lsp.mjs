// A minimal LSP client over stdio, driving the real `node server/out/server.js --stdio` as VS Code does.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const WAIT_MS = 120_000;

export class Client {
  /** `heapStats`: preload heapStats.cjs, so that heapStats() can ask the server for its V8 heap statistics. */
  constructor(server, workspace, nodeArgs, { heapStats = false } = {}) {
    this.workspace = workspace;
    this.waiters = [];
    /** Every publishDiagnostics, counted: a module edit also republishes the other open files of the module. */
    this.publishes = 0;
    /** Errors the server logged (window/logMessage of type Error), e.g. a failed analysis. */
    this.errors = [];
    this.heapFile = heapStats ? path.join(workspace, `heap-stats-${process.hrtime.bigint()}.json`) : undefined;
    const preload = heapStats ? ['--require', fileURLToPath(new URL('./heapStats.cjs', import.meta.url))] : [];
    this.child = spawn(process.execPath, [...nodeArgs, ...preload, server, '--stdio'], {
      cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'], env: heapStats ? { ...process.env, BENCH_HEAP_STATS_FILE: this.heapFile } : process.env,
    });
    this.stderr = '';
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      this.publishes++;
      const ready = this.waiters.filter((waiter) => waiter.matches(params));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve({ at, params });
    });
    this.connection.onNotification('window/logMessage', (params) => { if (params.type === 1) this.errors.push(params.message); });
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
    return this.timed(new Promise((resolve) => this.waiters.push({ matches: (params) => params.uri === uri && params.version === version, resolve })), `publishDiagnostics for ${uri} version ${version}`);
  }

  /** didOpen, resolving with the time from sending it to the first publishDiagnostics and those diagnostics. */
  async open(uri, languageId, text, version = 1) {
    const published = this.published(uri, version);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    const { at, params } = await published;
    return { ms: at - start, diagnostics: params.diagnostics };
  }

  /** One range didChange, resolving with the time to the publishDiagnostics of `version` and those diagnostics. */
  async change(uri, version, range, text) {
    const published = this.published(uri, version);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const { at, params } = await published;
    return { ms: at - start, diagnostics: params.diagnostics };
  }

  timed(promise, what) {
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${this.stderr}`)), WAIT_MS); });
    const died = this.exited.then(({ code, signal }) => { throw new Error(`server exited (${code ?? signal}) waiting for ${what}\n${this.stderr}`); });
    return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
  }

  /** Peak (VmHWM) and current (VmRSS) resident memory of the server, in bytes. */
  peakRss() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwm: kb('VmHWM') * 1024, rss: kb('VmRSS') * 1024 };
  }

  /**
   * Where the server's resident memory is now, from /proc/PID/smaps: WebAssembly linear memory (the
   * tree-sitter heap), other anonymous memory (the V8 heap, malloc), and file-backed pages (the node binary
   * and shared libraries). V8 places WebAssembly memory between guard regions of gigabytes (---p), so a
   * writable anonymous mapping that borders one is taken as WebAssembly memory. Undefined without smaps.
   */
  memoryBreakdown() {
    let smaps;
    try {
      smaps = fs.readFileSync(`/proc/${this.child.pid}/smaps`, 'utf8');
    } catch {
      return undefined;
    }
    const mappings = [];
    for (const line of smaps.split('\n')) {
      const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (header) {
        mappings.push({ start: BigInt(`0x${header[1]}`), end: BigInt(`0x${header[2]}`), perms: header[3], file: header[4] !== '0' && header[5].startsWith('/'), rss: 0 });
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss && mappings.length > 0) mappings[mappings.length - 1].rss = Number(rss[1]) * 1024;
    }
    const GUARD = 1n << 30n;
    const isGuard = (m) => m && !m.file && m.perms.startsWith('---') && m.end - m.start >= GUARD;
    const result = { wasm: 0, anonymous: 0, file: 0 };
    mappings.forEach((m, i) => {
      const before = mappings[i - 1];
      const after = mappings[i + 1];
      const wasm = !m.file && m.perms.startsWith('rw') && ((isGuard(before) && before.end === m.start) || (isGuard(after) && after.start === m.end));
      result[wasm ? 'wasm' : m.file ? 'file' : 'anonymous'] += m.rss;
    });
    return result;
  }

  /** The server's V8 heap statistics now (with heapStats set at start), or undefined. */
  async heapStats() {
    if (!this.heapFile) return undefined;
    fs.rmSync(this.heapFile, { force: true });
    this.child.kill('SIGUSR2');
    for (let waited = 0; waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      try {
        const stats = JSON.parse(fs.readFileSync(this.heapFile, 'utf8'));
        fs.rmSync(this.heapFile, { force: true });
        return stats;
      } catch {
        // not written yet
      }
    }
    return undefined;
  }

  async shutdown() {
    await this.timed(this.connection.sendRequest('shutdown'), 'shutdown');
    await this.connection.sendNotification('exit');
    const exit = await this.exited;
    this.connection.dispose();
    return exit;
  }
}
