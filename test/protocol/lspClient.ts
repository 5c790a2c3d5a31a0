import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ClientCapabilities, ConfigurationParams, Diagnostic, Hover, InitializeResult, LogMessageParams, Position,
  PublishDiagnosticsParams, Range, Registration, RegistrationParams, ShowMessageParams, ShowMessageRequestParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

/**
 * A minimal LSP client that drives `node server/out/server.js --stdio` exactly as an editor does: it
 * answers the server's requests (configuration, capability registration, message requests), records every
 * notification, and offers event-driven waits (a promise per expected notification, failing after a
 * generous timeout) instead of sleeps.
 */

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_JS = path.join(REPO_ROOT, 'server', 'out', 'server.js');
export const CLI_JS = path.join(REPO_ROOT, 'server', 'out', 'cli.js');
export const README_MD = path.join(REPO_ROOT, 'README.md');

/** Long enough for a slow CI machine, short enough that a missing notification fails the test, not mocha. */
export const WAIT_MS = 10_000;

export interface EcrGuardSettings {
  enable: boolean;
  trustList: string;
  maxFileSize: number;
}

export const DEFAULT_TEST_SETTINGS: EcrGuardSettings = { trustList: '.ecr-trust.json', enable: true, maxFileSize: 20_000_000 };

/** Fails with a message that says what to do, rather than an ENOENT from spawn. */
export function requireBuild(...files: string[]): void {
  const missing = (files.length > 0 ? files : [SERVER_JS, CLI_JS]).filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`Protocol tests need the bundled server: ${missing.map((file) => path.relative(REPO_ROOT, file)).join(', ')} missing. Run \`npm run build\` first.`);
  }
}

/** A fresh temporary workspace folder; `files` maps relative paths to contents. */
export function makeWorkspace(files: Record<string, string> = {}): string {
  const folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-protocol-')));
  for (const [relative, text] of Object.entries(files)) writeFile(folder, relative, text);
  return folder;
}

export function writeFile(folder: string, relative: string, text: string | Buffer): string {
  const file = path.join(folder, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function removeFolder(folder: string | undefined): void {
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
}

export function fileUri(file: string): string {
  return URI.file(file).toString();
}

/** The range of the `occurrence`-th (0-based) exact occurrence of `needle` in `text`. */
export function rangeOfText(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `"${needle}" (occurrence ${occurrence}) not found in the document`);
  }
  const document = TextDocument.create('untitled:x', 'json', 0, text);
  return { start: document.positionAt(offset), end: document.positionAt(offset + needle.length) };
}

/** A position strictly inside the first occurrence of `needle`, `delta` characters from its start. */
export function positionInside(text: string, needle: string, delta = 1): Position {
  const range = rangeOfText(text, needle);
  return { line: range.start.line, character: range.start.character + delta };
}

/** A diagnostic as this server publishes it: the message is always a plain string. */
export type PlainDiagnostic = Omit<Diagnostic, 'message'> & { message: string };

export interface Published extends Omit<PublishDiagnosticsParams, 'diagnostics'> {
  diagnostics: PlainDiagnostic[];
}

interface Waiter<T> {
  matches: (value: T) => boolean;
  resolve: (value: T) => void;
}

/** Records a stream of notifications and resolves promises on the next ones that match. */
export class Channel<T> {
  readonly history: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.history.push(value);
    const ready = this.waiters.filter((waiter) => waiter.matches(value));
    this.waiters = this.waiters.filter((waiter) => !waiter.matches(value));
    for (const waiter of ready) waiter.resolve(value);
  }

  /** Resolves on the next value (after this call) that matches; rejects after `timeout` ms with `what`. */
  next(matches: (value: T) => boolean, what: string, timeout: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== entry);
        reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      const entry: Waiter<T> = { matches, resolve: (value) => { clearTimeout(timer); resolve(value); } };
      this.waiters.push(entry);
    });
  }
}

export interface StartOptions {
  /** Workspace folder on disk; the client announces it as the only workspace folder. */
  workspace: string;
  settings?: Partial<EcrGuardSettings>;
  /** Replace the default realistic capabilities. */
  capabilities?: ClientCapabilities;
  /** Extra arguments for node before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** Run the server as this user and group (tests running as root use it to see what an ordinary user sees). */
  user?: { uid: number; gid: number };
  /** The initialize request's initializationOptions (the VS Code client sends EcrGuardInitializationOptions). */
  initializationOptions?: unknown;
}

/** Client capabilities as VS Code sends them, reduced to what matters to this server. */
export function realisticCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      applyEdit: true,
      workspaceEdit: { documentChanges: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, didSave: true, willSave: true, willSaveWaitUntil: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      codeAction: { dynamicRegistration: true, isPreferredSupport: true, dataSupport: true, resolveSupport: { properties: ['edit'] } },
    },
    window: { showMessage: { messageActionItem: { additionalPropertiesSupport: true } }, workDoneProgress: true },
    general: { positionEncodings: ['utf-16'] },
  };
}

export class LspClient {
  readonly diagnostics = new Channel<Published>();
  /** Anything the server sent that the protocol (or this server's contract) does not allow. */
  readonly violations: string[] = [];
  /** window/showMessage notifications and window/showMessageRequest requests alike: both put a message in front of the user. */
  readonly messages = new Channel<ShowMessageParams & { request: boolean }>();
  readonly logs = new Channel<LogMessageParams>();
  readonly configurationRequests = new Channel<ConfigurationParams>();
  readonly registrations = new Channel<Registration>();
  /** Settings the client answers workspace/configuration with; tests change them, then notify. */
  settings: EcrGuardSettings;
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  initializeResult?: InitializeResult;
  private readonly documents = new Map<string, TextDocument>();
  private exitInfo?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(readonly process: ChildProcess, readonly connection: MessageConnection, readonly workspace: string, settings: EcrGuardSettings) {
    this.settings = settings;
    process.stderr?.setEncoding('utf8');
    process.stderr?.on('data', (chunk: string) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => {
      process.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const diagnostics = params.diagnostics.map((diagnostic): PlainDiagnostic => {
        if (typeof diagnostic.message === 'string') return diagnostic as PlainDiagnostic;
        this.violations.push(`a diagnostic message for ${params.uri} is not a string: ${JSON.stringify(diagnostic.message)}`);
        return { ...diagnostic, message: diagnostic.message.value };
      });
      this.diagnostics.push({ ...params, diagnostics });
    });
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => this.messages.push({ ...params, request: false }));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => this.logs.push(params));
    connection.onNotification('telemetry/event', () => undefined);
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'ecrGuard' ? { ...this.settings } : null));
    });
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      for (const registration of params.registrations) this.registrations.push(registration);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/showMessageRequest', (params: ShowMessageRequestParams) => {
      this.messages.push({ ...params, request: true });
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/workspaceFolders', () => [{ uri: fileUri(workspace), name: path.basename(workspace) }]);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.listen();
  }

  /** Spawns the server, initializes it with one workspace folder and sends `initialized`. */
  static async start(options: StartOptions): Promise<LspClient> {
    requireBuild(SERVER_JS);
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_JS, '--stdio'], { cwd: options.workspace, stdio: ['pipe', 'pipe', 'pipe'], ...options.user });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    // A write to a server that died must surface as a failed test, not an unhandled EPIPE.
    child.stdin!.on('error', () => undefined);
    connection.onError(() => undefined);
    const client = new LspClient(child, connection, options.workspace, { ...DEFAULT_TEST_SETTINGS, ...options.settings });
    const folderUri = fileUri(options.workspace);
    client.initializeResult = await client.withTimeout(connection.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'ecr-guard-protocol-tests', version: '1.0.0' },
      locale: 'en',
      rootPath: options.workspace,
      rootUri: folderUri,
      capabilities: options.capabilities ?? realisticCapabilities(),
      workspaceFolders: [{ uri: folderUri, name: path.basename(options.workspace) }],
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
      trace: 'off',
    }), 'the initialize response');
    await connection.sendNotification('initialized', {});
    return client;
  }

  get pid(): number {
    return this.process.pid!;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  uri(relative: string): string {
    return fileUri(path.join(this.workspace, relative));
  }

  text(uri: string): string {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is not open`);
    return document.getText();
  }

  version(uri: string): number {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is not open`);
    return document.version;
  }

  /** Latest diagnostics published for a URI, or undefined if none yet. */
  latest(uri: string): Published | undefined {
    for (let i = this.diagnostics.history.length - 1; i >= 0; i--) if (this.diagnostics.history[i].uri === uri) return this.diagnostics.history[i];
    return undefined;
  }

  /** The next diagnostics for `uri` (optionally for a given document version) published after this call. */
  nextDiagnostics(uri: string, version?: number, timeout = WAIT_MS): Promise<Published> {
    return this.raceExit(this.diagnostics.next(
      (params) => params.uri === uri && (version === undefined || params.version === version),
      `publishDiagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`, timeout));
  }

  /** The next diagnostics for `uri` that satisfy `matches` (published after this call). */
  nextDiagnosticsWhere(uri: string, matches: (diagnostics: PlainDiagnostic[], params: Published) => boolean, what: string, timeout = WAIT_MS): Promise<Published> {
    return this.raceExit(this.diagnostics.next((params) => params.uri === uri && matches(params.diagnostics, params), `publishDiagnostics for ${uri} where ${what}`, timeout));
  }

  nextMessage(matches: (params: ShowMessageParams) => boolean, what: string, timeout = WAIT_MS): Promise<ShowMessageParams & { request: boolean }> {
    return this.raceExit(this.messages.next(matches, `window/showMessage(Request) ${what}`, timeout));
  }

  nextConfigurationRequest(timeout = WAIT_MS): Promise<ConfigurationParams> {
    return this.raceExit(this.configurationRequests.next(() => true, 'a workspace/configuration request', timeout));
  }

  nextRegistration(matches: (registration: Registration) => boolean, what: string, timeout = WAIT_MS): Promise<Registration> {
    return this.raceExit(this.registrations.next(matches, `client/registerCapability ${what}`, timeout));
  }

  /** didOpen; resolves with the diagnostics published for that version. */
  async open(uri: string, text: string, languageId = 'json', version = 1): Promise<Published> {
    const published = this.nextDiagnostics(uri, version);
    this.openOnly(uri, text, languageId, version);
    return published;
  }

  /** didOpen without waiting for anything (for documents the server may ignore). */
  openOnly(uri: string, text: string, languageId = 'json', version = 1): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, version, text));
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /**
   * Incremental didChange with range edits (applied locally too, so `text(uri)` mirrors the editor buffer);
   * resolves with the diagnostics published for the new version.
   */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Published> {
    const version = this.version(uri) + 1;
    const published = this.nextDiagnostics(uri, version);
    this.changeOnly(uri, changes);
    return published;
  }

  changeOnly(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is not open`);
    const version = document.version + 1;
    this.documents.set(uri, TextDocument.update(document, changes, version));
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /**
   * didChange with the version given, as a misbehaving client sends it: the local mirror is not touched,
   * so `text(uri)` stays what the server should still hold if it ignores the change.
   */
  changeRaw(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<unknown[] | null> {
    const params = { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } };
    return this.withTimeout(this.connection.sendRequest<unknown[] | null>('textDocument/codeAction', params), `the code actions for ${uri}`);
  }

  /** A range edit that replaces the `occurrence`-th match of `search` with `replacement`. */
  replaceEdit(uri: string, search: string, replacement: string, occurrence = 0): TextDocumentContentChangeEvent {
    return { range: rangeOfText(this.text(uri), search, occurrence), text: replacement };
  }

  /** didClose; resolves with the (clearing) diagnostics published for the URI. */
  async close(uri: string): Promise<Published> {
    const published = this.nextDiagnostics(uri);
    this.closeOnly(uri);
    return published;
  }

  closeOnly(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.withTimeout(this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), `the hover response for ${uri}`);
  }

  /**
   * A round trip through the server's message queue. Work the server queued (with warm caches) before it
   * read this request is finished, and its notifications delivered, when this resolves.
   */
  async roundTrip(): Promise<void> {
    await this.hover(fileUri(path.join(this.workspace, '__no-such-document__.json')), { line: 0, character: 0 });
  }

  notifyConfigurationChanged(): void {
    void this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  notifyWatchedFiles(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** shutdown, then exit; resolves with the process exit status. */
  async shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.alive) return this.exitInfo!;
    await this.withTimeout(this.connection.sendRequest('shutdown'), 'the shutdown response');
    void this.connection.sendNotification('exit');
    return this.withTimeout(this.exited, 'the server to exit', WAIT_MS, false);
  }

  /** Best-effort teardown for after hooks: polite shutdown, then SIGKILL of this one process. */
  async dispose(): Promise<void> {
    try {
      if (this.alive) await this.shutdown();
    } catch {
      if (this.alive) this.process.kill('SIGKILL');
    } finally {
      this.connection.dispose();
    }
  }

  /** `promise`, failing after `timeout` ms and, unless `failOnExit` is false, as soon as the server dies. */
  withTimeout<T>(promise: Promise<T>, what: string, timeout = WAIT_MS, failOnExit = true): Promise<T> {
    const timed = new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out after ${timeout} ms waiting for ${what}`)), timeout);
      promise.then((value) => { clearTimeout(timer); resolve(value); }, (error) => { clearTimeout(timer); reject(error); });
    });
    return failOnExit ? this.raceExit(timed) : timed;
  }

  /** Rejects as soon as the server process dies, with its stderr, instead of waiting for a timeout. */
  private raceExit<T>(promise: Promise<T>): Promise<T> {
    const died = this.exited.then((info) => {
      throw new Error(`The language server exited (code ${info.code}, signal ${info.signal}). stderr:\n${this.stderr}`);
    });
    died.catch(() => undefined);
    return Promise.race([promise, died]);
  }
}
