// An LSP client for the fuzzer: drives the real `node server/out/server.js --stdio` as VS Code does, and
// turns whatever goes wrong into a typed failure: the server died (crash), a request or notification did
// not come back in time (hang), or the server reported an error of its own (exception).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { trackChild } from './cleanup.mjs';
import { peakRss } from './memory.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class Failure extends Error {
  /** kind: crash | hang | exception | memory | invalid | growth | findings | stale | cli */
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

/** Server text that means an exception reached its log, whatever the channel. */
const EXCEPTION_TEXT = /Error|exception/;

export class FuzzClient {
  constructor(server, workspace, { settings = {} } = {}) {
    this.workspace = workspace;
    this.settings = { trustList: '.ecr-trust.json', enable: true, maxFileSize: 20_000_000, ...settings };
    this.waiters = [];
    this.publishes = [];
    /** Errors the server reported since the last takeErrors(). */
    this.errors = [];
    this.stderr = '';
    this.child = trackChild(spawn(process.execPath, [server, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] }));
    this.child.stdin.on('error', () => undefined);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-20_000);
      if (EXCEPTION_TEXT.test(chunk)) this.errors.push(`stderr: ${chunk.slice(0, 2000)}`);
    });
    this.exitInfo = undefined;
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => {
      this.exitInfo = { code, signal };
      resolve(this.exitInfo);
    }));
    const connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    connection.onError(() => undefined);
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      this.publishes.push(params);
      if (this.publishes.length > 200) this.publishes.splice(0, 100);
      const ready = this.waiters.filter((waiter) => waiter.matches(params));
      this.waiters = this.waiters.filter((waiter) => !ready.includes(waiter));
      for (const waiter of ready) waiter.resolve(params);
    });
    const noteError = (channel) => (params) => {
      if (params.type === 1 || (EXCEPTION_TEXT.test(params.message) && /TypeError|RangeError|SyntaxError|ReferenceError|\n\s+at /.test(params.message))) {
        this.errors.push(`${channel}: ${params.message.slice(0, 2000)}`);
      }
    };
    connection.onNotification('window/logMessage', noteError('logMessage'));
    connection.onNotification('window/showMessage', noteError('showMessage'));
    connection.onNotification('telemetry/event', () => undefined);
    connection.onNotification('$/progress', () => undefined);
    connection.onNotification('ecrGuard/inventoryChanged', () => undefined);
    connection.onRequest('window/showMessageRequest', (params) => {
      noteError('showMessageRequest')(params);
      return null;
    });
    connection.onRequest('workspace/configuration', (params) => params.items.map((item) => (item.section === 'ecrGuard' ? { ...this.settings } : null)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(workspace).href, name: path.basename(workspace) }]);
    connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
    connection.listen();
    this.connection = connection;
  }

  get alive() {
    return this.exitInfo === undefined;
  }

  get pid() {
    return this.child.pid;
  }

  async initialize(timeoutMs) {
    const uri = pathToFileURL(this.workspace).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(this.workspace) }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { isPreferredSupport: true, dataSupport: true },
        },
        window: { workDoneProgress: true },
      },
    }, timeoutMs);
    this.notify('initialized', {});
  }

  notify(method, params) {
    if (this.alive) void this.connection.sendNotification(method, params).catch(() => undefined);
  }

  /** Races `promise` against the server's exit and a timeout, failing with a crash or a hang. */
  guard(promise, what, timeoutMs) {
    let timer;
    const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Failure('hang', `no answer in ${timeoutMs} ms: ${what}`)), timeoutMs); });
    const died = this.exited.then(({ code, signal }) => { throw new Failure('crash', `server exited (${signal ?? code}) during ${what}\n${this.stderr.slice(-3000)}`); });
    died.catch(() => undefined);
    return Promise.race([promise, timeout, died]).finally(() => clearTimeout(timer));
  }

  async request(method, params, timeoutMs) {
    try {
      return await this.guard(this.connection.sendRequest(method, params), method, timeoutMs);
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw new Failure('exception', `${method} answered with an error: ${error?.message ?? error}`);
    }
  }

  /** Resolves with the publishDiagnostics for `uri` at `version` (registered before the change is sent). */
  published(uri, version, timeoutMs) {
    let waiter;
    const promise = new Promise((resolve) => {
      waiter = { matches: (params) => params.uri === uri && params.version === version, resolve };
      this.waiters.push(waiter);
    });
    return this.guard(promise, `publishDiagnostics of ${path.basename(uri)} version ${version}`, timeoutMs)
      .finally(() => { this.waiters = this.waiters.filter((other) => other !== waiter); });
  }

  /** Every publishDiagnostics for `uri` received so far (the recent ones). */
  publishesFor(uri) {
    return this.publishes.filter((params) => params.uri === uri);
  }

  takeErrors() {
    const errors = this.errors;
    this.errors = [];
    return errors;
  }

  peakRss() {
    return peakRss(this.pid);
  }

  /** Polite shutdown, then SIGKILL of this one process if it does not go. */
  async dispose(timeoutMs = 5000) {
    try {
      if (this.alive) {
        await this.request('shutdown', null, timeoutMs);
        this.notify('exit');
        await this.guard(this.exited, 'exit', timeoutMs).catch(() => undefined);
      }
    } catch {
      // killed below
    }
    this.kill();
    this.connection.dispose();
  }

  kill() {
    if (this.alive) this.child.kill('SIGKILL');
  }
}
