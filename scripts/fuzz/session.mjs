// One mutant typed into the server, then everything an editor asks of it: diagnostics of the final
// version, hovers, the quick fixes of every diagnostic, fix-all (applied and re-checked), and, for some
// mutants, repeated and lower didChange versions and a second didOpen checked against a fresh document.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { cliAgreement } from './cliAgreement.mjs';
import { claimsCloudFormation } from './cloudformation.mjs';
import { Failure } from './client.mjs';
import { generator, mix } from './random.mjs';
import { trustList } from './seeds.mjs';

const require = createRequire(import.meta.url);
const { TextDocument } = require('vscode-languageserver-textdocument');

export const FIX_ALL_KIND = 'source.fixAll.ecrGuard';
const SOURCE = 'ECR Guard';
const LANGUAGE = { json: 'json', terraform: 'terraform', yaml: 'yaml', 'template-json': 'json' };
const FILE_NAMES = { json: 'policy.json', terraform: 'main.tf', yaml: 'template.yaml', 'template-json': 'app.template.json' };

/** How the mutant is written to disk and opened: a JSON policy, Terraform, a YAML or a JSON template (by its seed's name). */
export function documentKind(testCase) {
  if (testCase.format !== 'cloudformation') return testCase.format;
  return testCase.baseName.endsWith('.json') ? 'template-json' : 'yaml';
}

/** The file name of a document of `kind`, as the CLI is given it. */
export function fileNameOf(kind) {
  return FILE_NAMES[kind];
}

/**
 * Fix-all adds at most a condition or a list of pull actions per finding (a few hundred characters) and
 * otherwise removes text: allow 512 characters per finding and 1 KB more. (A bound on the input's length
 * alone, such as twice it plus 10 KB, would let a 200-character file become 9 KB.)
 */
export function growthLimit(length, findings) {
  return length + 1024 + 512 * findings;
}

function documentUri(workspace, kind, name) {
  const file = kind === 'json' ? path.join(workspace, 'json', `${name}.json`) : path.join(workspace, kind, name, FILE_NAMES[kind]);
  return pathToFileURL(file).href;
}

function validPosition(document, position) {
  if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character) || position.line < 0 || position.character < 0) return false;
  if (position.line >= document.lineCount) return false;
  const back = document.positionAt(document.offsetAt(position));
  return back.line === position.line && back.character === position.character;
}

function validRange(document, range) {
  return range && validPosition(document, range.start) && validPosition(document, range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end);
}

function checkDiagnostics(document, diagnostics, what) {
  for (const diagnostic of diagnostics) {
    const problem = !validRange(document, diagnostic.range) ? `range ${JSON.stringify(diagnostic.range)} outside the document (${document.lineCount} lines)`
      : typeof diagnostic.code !== 'string' || diagnostic.code === '' ? `no code: ${JSON.stringify(diagnostic.code)}`
        : typeof diagnostic.message !== 'string' || diagnostic.message === '' ? 'no message'
          : ![1, 2, 3, 4].includes(diagnostic.severity) ? `severity ${diagnostic.severity}` : undefined;
    if (problem) throw new Failure('invalid', `${what}: diagnostic ${diagnostic.code} ${problem}`);
  }
}

/** Checks a WorkspaceEdit against the client's document and returns the text after it. */
function applyWorkspaceEdit(document, edit, what) {
  const changes = edit.documentChanges ?? Object.entries(edit.changes ?? {}).map(([uri, edits]) => ({ textDocument: { uri, version: null }, edits }));
  let text = document.getText();
  for (const change of changes) {
    if (change.kind) continue; // create/rename/delete of another file (the trust list)
    if (change.textDocument.uri !== document.uri) continue;
    if (change.textDocument.version != null && change.textDocument.version !== document.version) {
      throw new Failure('invalid', `${what}: edit for version ${change.textDocument.version}, document is at ${document.version}`);
    }
    const spans = change.edits.map((textEdit) => {
      if (!validRange(document, textEdit.range)) throw new Failure('invalid', `${what}: edit range ${JSON.stringify(textEdit.range)} outside the document`);
      return { start: document.offsetAt(textEdit.range.start), end: document.offsetAt(textEdit.range.end) };
    }).sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) throw new Failure('invalid', `${what}: overlapping edits`);
    text = TextDocument.applyEdits(document, change.edits);
  }
  return text;
}

function ours(diagnostics) {
  return diagnostics.filter((diagnostic) => diagnostic.source === SOURCE);
}

function fingerprint(diagnostics) {
  return JSON.stringify(ours(diagnostics).map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message]).sort());
}

function commonAffixes(a, b) {
  let prefix = 0;
  const limit = Math.min(a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** True when `offset` falls between the \r and the \n of a line break: no LSP position names it. */
function splitsLineBreak(text, offset) {
  return text[offset - 1] === '\r' && text[offset] === '\n';
}

/** The mutant as typing: the old middle replaced by the first piece of the new, then the rest in pieces. */
function typingPlan(base, text, random) {
  let { prefix, suffix } = commonAffixes(base, text);
  if (splitsLineBreak(base, prefix)) prefix--;
  if (splitsLineBreak(base, base.length - suffix)) suffix--;
  const middle = text.slice(prefix, text.length - suffix);
  const after = base.slice(base.length - suffix);
  const pieces = [];
  let rest = middle;
  const count = Math.min(random.between(1, 6), Math.max(1, middle.length));
  for (let i = 1; i < count; i++) {
    const take = random.chance(0.5) ? random.between(1, 3) : random.int(rest.length + 1);
    // The cursor after a piece must be a position an editor can name.
    const typed = base.slice(0, prefix) + pieces.join('') + rest.slice(0, take);
    if (splitsLineBreak(`${typed.slice(-1)}${after.slice(0, 1)}`, typed.length > 0 ? 1 : 0)) continue;
    pieces.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  pieces.push(rest);
  return { start: prefix, end: base.length - suffix, pieces };
}

/** A document the fuzzer keeps in step with the server's, as an editor does. */
class Editor {
  constructor(client, uri, kind, timeoutMs) {
    this.client = client;
    this.uri = uri;
    this.kind = kind;
    this.timeoutMs = timeoutMs;
    this.document = undefined;
  }

  async open(text, version = 1, wait = true) {
    const published = wait && this.analysed(text) ? this.client.published(this.uri, version, this.timeoutMs) : undefined;
    this.document = TextDocument.create(this.uri, LANGUAGE[this.kind], version, text);
    this.client.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: LANGUAGE[this.kind], version, text } });
    return wait && !published ? this.notAnalysed(version) : published;
  }

  async change(changes, wait = true) {
    const version = this.document.version + 1;
    this.document = TextDocument.update(this.document, changes, version);
    const published = wait && this.analysed(this.text) ? this.client.published(this.uri, version, this.timeoutMs) : undefined;
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: changes });
    return wait && !published ? this.notAnalysed(version) : published;
  }

  /** Whether the server analyses the text, and so publishes its diagnostics: a YAML file only when it is a template. */
  analysed(text) {
    return this.kind !== 'yaml' || claimsCloudFormation(text);
  }

  /**
   * A YAML file that is not a template gets no diagnostics (one that stopped being one gets an empty set,
   * maybe after this): a round trip, then what was published for the version, if anything.
   */
  async notAnalysed(version) {
    await this.client.request('textDocument/hover', { textDocument: { uri: this.uri }, position: { line: 0, character: 0 } }, this.timeoutMs);
    return this.client.publishesFor(this.uri).find((params) => params.version === version) ?? { uri: this.uri, version, diagnostics: [] };
  }

  close() {
    this.client.notify('textDocument/didClose', { textDocument: { uri: this.uri } });
  }

  get text() {
    return this.document.getText();
  }
}

/** Hovers at a few places: where findings start, and anywhere. */
async function hovers(editor, diagnostics, random, stats) {
  const document = editor.document;
  const length = document.getText().length;
  const positions = [
    ...diagnostics.slice(0, 2).map((diagnostic) => diagnostic.range.start),
    document.positionAt(random.int(length + 1)),
    document.positionAt(random.int(length + 1)),
  ];
  for (const position of positions) {
    const hover = await editor.client.request('textDocument/hover', { textDocument: { uri: editor.uri }, position }, editor.timeoutMs);
    stats.hovers++;
    if (hover?.range && !validRange(document, hover.range)) throw new Failure('invalid', `hover at ${position.line}:${position.character}: range ${JSON.stringify(hover.range)} outside the document`);
  }
}

async function quickFixes(editor, diagnostics, stats) {
  for (const diagnostic of diagnostics.slice(0, 8)) {
    const actions = await editor.client.request('textDocument/codeAction', {
      textDocument: { uri: editor.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind: 1 },
    }, editor.timeoutMs);
    stats.codeActionRequests++;
    for (const action of actions ?? []) {
      stats.codeActions++;
      if (action.edit) applyWorkspaceEdit(editor.document, action.edit, `quick fix "${action.title}" for ${diagnostic.code}`);
    }
  }
}

/** Fix-all, applied as the editor would (as a full-text change), then the re-check of the result. */
async function fixAll(editor, diagnostics, options, stats) {
  const document = editor.document;
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
  const started = performance.now();
  const request = editor.client.request('textDocument/codeAction', {
    textDocument: { uri: editor.uri }, range: whole, context: { diagnostics, only: [FIX_ALL_KIND], triggerKind: 2 },
  }, editor.timeoutMs);
  // A hover sent right behind it: fix-all must let the server answer it (on save, the user is typing).
  const hovered = editor.client.request('textDocument/hover', { textDocument: { uri: editor.uri }, position: { line: 0, character: 0 } }, editor.timeoutMs)
    .then(() => performance.now() - started);
  hovered.catch(() => undefined);
  const actions = await request;
  const elapsed = performance.now() - started;
  const hoverMs = await hovered;
  stats.fixAllMaxMs = Math.max(stats.fixAllMaxMs, elapsed);
  stats.hoverDuringFixAllMaxMs = Math.max(stats.hoverDuringFixAllMaxMs, hoverMs);
  stats.fixAllRequests++;
  const action = (actions ?? []).find((candidate) => candidate.kind === FIX_ALL_KIND && candidate.edit);
  const before = document.getText();
  const after = action ? applyWorkspaceEdit(document, action.edit, 'fix-all') : before;
  const limit = growthLimit(before.length, ours(diagnostics).length);
  if (after.length > limit) {
    throw new Failure('growth', `fix-all made ${before.length} characters with ${ours(diagnostics).length} findings into ${after.length} (limit ${limit}) in ${elapsed.toFixed(0)} ms`);
  }
  if (action && ours(diagnostics).length > 0) stats.fixAllMaxGrowthPerFinding = Math.max(stats.fixAllMaxGrowthPerFinding, (after.length - before.length) / ours(diagnostics).length);
  if (hoverMs > options.blockedMs) {
    throw new Failure('blocked', `a hover sent with fix-all was answered after ${hoverMs.toFixed(0)} ms (fix-all took ${elapsed.toFixed(0)} ms on ${before.length} characters)`);
  }
  if (!action) return;
  stats.fixAllApplied++;
  const rechecked = await editor.change([{ text: after }]);
  checkDiagnostics(editor.document, rechecked.diagnostics, 'after fix-all');
  const was = ours(diagnostics).length;
  const now = ours(rechecked.diagnostics).length;
  if (now > was) throw new Failure('findings', `fix-all left ${now} ECR Guard findings where there were ${was}`);
}

/**
 * Versions: a didChange that repeats the current version and one that goes back must be ignored, and a
 * second didOpen replaces the document; each checked against the same text analysed in a fresh document.
 */
async function versions(editor, reference, junk, random) {
  const text = editor.text;
  await editor.change([{ text }]);
  const version = editor.document.version;
  const end = editor.document.positionAt(text.length);
  // Sent raw: the client's own copy does not take them, as a conforming server must not.
  editor.client.notify('textDocument/didChange', { textDocument: { uri: editor.uri, version }, contentChanges: [{ text: junk }] });
  editor.client.notify('textDocument/didChange', { textDocument: { uri: editor.uri, version: version - random.between(1, 3) }, contentChanges: [{ text: `${junk}\n${junk}` }] });
  const after = await editor.change([{ range: { start: end, end }, text: '\n' }]);
  await reference.open(text);
  const expected = await reference.change([{ range: { start: end, end }, text: '\n' }]);
  reference.close();
  if (fingerprint(after.diagnostics) !== fingerprint(expected.diagnostics)) {
    throw new Failure('stale', `after a repeated and a lower didChange version: ${ours(after.diagnostics).length} findings where the same text has ${ours(expected.diagnostics).length}`);
  }
  const reopened = await editor.open(junk, 1);
  const fresh = await reference.open(junk, 1);
  reference.close();
  if (fingerprint(reopened.diagnostics) !== fingerprint(fresh.diagnostics)) {
    throw new Failure('stale', `after a second didOpen: ${ours(reopened.diagnostics).length} findings where the same text has ${ours(fresh.diagnostics).length}`);
  }
}

/**
 * Runs one mutant; throws a Failure on the first problem. `testCase`: { format, seed, index, base, text }.
 * The steps draw from their own random stream, so a replay of the saved texts takes the same steps.
 */
export async function runCase(client, workspace, testCase, options, stats) {
  const random = generator(mix(testCase.seed, testCase.format, testCase.index, 'steps'));
  const kind = documentKind(testCase);
  const editor = new Editor(client, documentUri(workspace, kind, `m${testCase.index}`), kind, options.timeoutMs);
  const reference = new Editor(client, documentUri(workspace, kind, `r${testCase.index}`), kind, options.timeoutMs);
  try {
    let published;
    if (options.direct || random.chance(0.25)) {
      published = await editor.open(testCase.text);
    } else {
      const everyVersion = random.chance(0.3);
      const plan = typingPlan(testCase.base, testCase.text, random);
      await editor.open(testCase.base, 1, everyVersion);
      let cursor = plan.start;
      for (const [i, piece] of plan.pieces.entries()) {
        const document = editor.document;
        const range = i === 0 ? { start: document.positionAt(plan.start), end: document.positionAt(plan.end) } : { start: document.positionAt(cursor), end: document.positionAt(cursor) };
        const last = i === plan.pieces.length - 1;
        published = await editor.change([{ range, text: piece }], everyVersion || last);
        cursor += piece.length;
      }
    }
    if (editor.text !== testCase.text) throw new Error('fuzzer bug: the typed text is not the mutant');
    stats.typedVersions += editor.document.version;
    checkDiagnostics(editor.document, published.diagnostics, 'diagnostics');
    stats.diagnostics += published.diagnostics.length;
    await hovers(editor, published.diagnostics, random, stats);
    await quickFixes(editor, published.diagnostics, stats);
    await fixAll(editor, published.diagnostics, options, stats);
    await expectNoErrors(client, workspace, kind, options);
    if (random.chance(testCase.versionsShare ?? options.versionsShare)) {
      stats.versionChecks++;
      await versions(editor, reference, testCase.base, random);
    }
    if (random.chance(testCase.cliShare ?? options.cliShare)) {
      stats.cliChecks++;
      await cliAgreement(options, reference, testCase.text, fileNameOf(kind), trustList());
    }
  } finally {
    editor.close();
  }
  await expectNoErrors(client, workspace, kind, options);
}

async function expectNoErrors(client, workspace, kind, options) {
  // A round trip, so that anything the server logged about this mutant has arrived.
  await client.request('textDocument/hover', { textDocument: { uri: documentUri(workspace, kind, 'none') }, position: { line: 0, character: 0 } }, options.timeoutMs);
  const errors = client.takeErrors();
  if (errors.length > 0) throw new Failure('exception', errors.slice(0, 3).join('\n').slice(0, 3000));
}
