// Shared helpers of the VS Code integration suite (not a test file: index.js loads only *.test.js).
// Everything waits on real events (onDidChangeDiagnostics, command and request round trips), never on a
// fixed sleep; every wait has a timeout whose error says what was expected and what was last seen.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXTENSION_ID = 'ecr-guard.ecr-guard';
const SOURCE = 'ECR Guard';
const { Error: ERROR, Warning: WARNING, Information: INFORMATION } = vscode.DiagnosticSeverity;
const SEVERITY_NAME = { [ERROR]: 'Error', [WARNING]: 'Warning', [INFORMATION]: 'Information', [vscode.DiagnosticSeverity.Hint]: 'Hint' };

function extension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The fixture workspace folder (a temp copy of examples/ plus test/vscode/workspace/, see run.mjs). */
function workspaceUri() {
  const folders = vscode.workspace.workspaceFolders;
  assert.ok(folders && folders.length === 1, 'the suite runs with exactly one workspace folder open');
  return folders[0].uri;
}

function fileUri(relative) {
  return vscode.Uri.joinPath(workspaceUri(), ...relative.split('/'));
}

/** Opens a workspace file as a text document (synced to the language server; no editor needed). */
function openDocument(relative) {
  return vscode.workspace.openTextDocument(fileUri(relative));
}

/** Opens a workspace file in an editor. */
async function showDocument(relative, options = {}) {
  const document = await openDocument(relative);
  await vscode.window.showTextDocument(document, { preview: false, ...options });
  return document;
}

/** ECR Guard's diagnostics of a document (other extensions, e.g. VS Code's JSON support, are ignored). */
function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A comparable, readable summary: code, severity name, range as "line:col-line:col" (0-based). */
function summarize(diagnostics) {
  return diagnostics
    .map((d) => ({ code: typeof d.code === 'object' && d.code ? d.code.value : d.code, severity: SEVERITY_NAME[d.severity], range: rangeString(d.range), message: d.message }))
    .sort((a, b) => compareRangeStrings(a.range, b.range));
}

function rangeString(range) {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

function compareRangeStrings(a, b) {
  const [x, y] = [a, b].map((s) => s.split(/[:-]/).map(Number));
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

// Fail fast when the server never works (e.g. a broken build): once a wait has timed out before ECR Guard
// published a single diagnostic anywhere, every later wait fails at once instead of timing out in turn.
let publishedAnything = false;
let serverSilent = false;
vscode.languages.onDidChangeDiagnostics((event) => {
  if (!publishedAnything && event.uris.some((u) => ours(u).length > 0)) publishedAnything = true;
});

/**
 * Resolves with ECR Guard's diagnostics of `uri` once `predicate(diagnostics)` holds: at once when it
 * already does (unless `eventsOnly`), otherwise at the first onDidChangeDiagnostics event for `uri` after
 * which it does. Rejects after `timeout` ms, naming `what` and the diagnostics last seen.
 */
function waitForDiagnostics(uri, predicate, timeout = 15000, { what = 'the expected diagnostics', eventsOnly = false } = {}) {
  const key = uri.toString();
  if (serverSilent && !publishedAnything) {
    return Promise.reject(new Error(`ECR Guard has published no diagnostic at all in this session (an earlier wait timed out): not waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}`));
  }
  return new Promise((resolve, reject) => {
    let timer;
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    function check() {
      const diagnostics = ours(uri);
      let ok;
      try {
        ok = predicate(diagnostics);
      } catch (e) {
        finish(() => reject(e));
        return;
      }
      if (ok) finish(() => resolve(diagnostics));
    }
    function finish(fn) {
      subscription.dispose();
      clearTimeout(timer);
      fn();
    }
    timer = setTimeout(() => finish(() => {
      if (!publishedAnything) serverSilent = true;
      reject(new Error(`timed out after ${timeout} ms waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; last seen:\n${JSON.stringify(summarize(ours(uri)), null, 2)}${
        publishedAnything ? '' : '\nECR Guard has published no diagnostic at all so far: did its language server start? (ECR Guard: Show Output)'}`));
    }), timeout);
    if (!eventsOnly) check();
  });
}

/** Range of the `occurrence`-th (0-based) occurrence of `needle` in the document's text. */
function rangeOfText(document, needle, occurrence = 0) {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `${JSON.stringify(needle)} (occurrence ${occurrence}) not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

/**
 * Expected findings as [rule, severity, needle | [needle, occurrence], messagePattern?] rows, turned into
 * what summarize() gives for the document (message left out: checked with matchesExpected's patterns).
 */
function expectedSummary(document, rows) {
  return rows
    .map(([code, severity, needle]) => {
      const [text, occurrence] = Array.isArray(needle) ? needle : [needle, 0];
      return { code, severity: SEVERITY_NAME[severity], range: rangeString(rangeOfText(document, text, occurrence)) };
    })
    .sort((a, b) => compareRangeStrings(a.range, b.range));
}

/** A predicate for waitForDiagnostics: exactly the expected rule, severity and range set. */
function sameFindings(document, rows) {
  const expected = JSON.stringify(expectedSummary(document, rows));
  return (diagnostics) => JSON.stringify(summarize(diagnostics).map(({ code, severity, range }) => ({ code, severity, range }))) === expected;
}

/** Waits until the document shows exactly the expected findings; then checks messages, source and links. */
async function expectFindings(document, rows, timeout = 15000) {
  const expected = expectedSummary(document, rows);
  const diagnostics = await waitForDiagnostics(document.uri, sameFindings(document, rows), timeout,
    { what: `exactly ${JSON.stringify(expected)}` });
  const byRange = [...diagnostics].sort((a, b) => compareRangeStrings(rangeString(a.range), rangeString(b.range)));
  const patterns = [...rows]
    .map((row) => ({ range: expectedSummary(document, [row])[0].range, pattern: row[3] }))
    .sort((a, b) => compareRangeStrings(a.range, b.range));
  byRange.forEach((d, i) => {
    assert.strictEqual(d.source, SOURCE);
    assert.ok(d.code && typeof d.code === 'object', `code is {value, target} (codeDescription), got ${JSON.stringify(d.code)}`);
    assert.ok(d.code.target instanceof vscode.Uri, 'code.target is a Uri');
    // The client points the server's link (the rule's page) at its URI handler, which opens the page rendered
    // (that the page exists is smoke-vsix.test.js's business).
    assert.strictEqual(d.code.target.toString(), `${vscode.env.uriScheme}://${EXTENSION_ID}/rule/${d.code.value}`, 'the rule link opens the rule\'s page');
    if (patterns[i].pattern) assert.match(d.message, patterns[i].pattern);
  });
  return diagnostics;
}

/** Replaces the `occurrence`-th `from` with `to` through a WorkspaceEdit (unsaved, like typing). */
async function replaceText(document, from, to, occurrence = 0) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOfText(document, from, occurrence), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `edit of ${vscode.workspace.asRelativePath(document.uri)} was not applied`);
}

/** Puts `text` back as the whole content and saves, so later tests find the file as it was. */
async function restoreDocument(document, text) {
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  if (document.isDirty) assert.ok(await document.save(), `could not save ${vscode.workspace.asRelativePath(document.uri)}`);
}

/** The text of all hovers at `position` (every provider; ECR Guard's is one of them). */
async function hoverText(uri, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
  return (hovers || []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n---\n');
}

/**
 * Makes sure the server has analysed everything opened so far: opens a fresh untitled JSON policy (never
 * seen before, so nothing is cached) and waits for its findings. The server analyses documents in the
 * order it learns of them, so documents opened earlier have been published by then.
 */
async function serverCaughtUp() {
  const content = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }, null, 2);
  const document = await vscode.workspace.openTextDocument({ language: 'json', content });
  try {
    await waitForDiagnostics(document.uri, (d) => d.some((x) => x.code && x.code.value === 'wildcard-principal'), 15000,
      { what: 'the wildcard-principal finding in a fresh untitled policy' });
  } finally {
    await closeUntitled(document);
  }
}

/** Closes an untitled document without a save prompt. */
async function closeUntitled(document) {
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/**
 * Copies a workspace file to `to` (folders created) for a suite that edits or leaves findings behind, so the
 * original stays as it was and later suites (and the screenshots) do not see the suite's findings.
 */
function copyWorkspaceFile(from, to) {
  fs.mkdirSync(path.dirname(fileUri(to).fsPath), { recursive: true });
  fs.copyFileSync(fileUri(from).fsPath, fileUri(to).fsPath);
}

/**
 * Removes a file copyWorkspaceFile made, and its findings: VS Code keeps a closed document (and its findings)
 * for minutes, so the text is emptied first (through the editor when VS Code holds it) and the wait is for
 * its findings to go. `folder`, when given, is removed too.
 */
async function removeWorkspaceCopy(relative, folder) {
  const uri = fileUri(relative);
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  if (document) await restoreDocument(document, '');
  else fs.writeFileSync(uri.fsPath, '');
  await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, 10000, { what: 'no findings left' });
  fs.rmSync(folder ? fileUri(folder).fsPath : uri.fsPath, { recursive: true, force: true });
}

module.exports = {
  EXTENSION_ID, SOURCE, ERROR, WARNING, INFORMATION,
  extension, workspaceUri, fileUri, openDocument, showDocument, ours, summarize, waitForDiagnostics, rangeOfText,
  expectedSummary, sameFindings, expectFindings, replaceText, restoreDocument, hoverText, serverCaughtUp, closeUntitled,
  copyWorkspaceFile, removeWorkspaceCopy,
};
