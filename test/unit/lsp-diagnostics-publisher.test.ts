import * as assert from 'assert';
import { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DiagnosticsPublisher } from '../../server/src/lsp/diagnosticsPublisher';

/** Who shows a file's diagnostics: the editor while it is open, the scan otherwise, and a trust list its own. */
const FINDING: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'finding' };
const FILE = 'file:///w/policy.json';

function setup(open: string[] = []): { publisher: DiagnosticsPublisher; sent: PublishDiagnosticsParams[]; open: Set<string>; handedBack: string[] } {
  const sent: PublishDiagnosticsParams[] = [];
  const connection = { sendDiagnostics: (params: PublishDiagnosticsParams) => { sent.push(params); return Promise.resolve(); } } as unknown as Connection;
  const openUris = new Set(open);
  const publisher = new DiagnosticsPublisher(connection, (uri) => openUris.has(uri));
  const handedBack: string[] = [];
  publisher.handClosedFilesTo((uri) => handedBack.push(uri));
  return { publisher, sent, open: openUris, handedBack };
}

const counts = (sent: PublishDiagnosticsParams[]): [string, number][] => sent.map((params) => [params.uri, params.diagnostics.length]);

describe('lsp: DiagnosticsPublisher', () => {
  it('shows the scan\'s findings of a file that is not open, and clears only what it showed', () => {
    const { publisher, sent } = setup();
    publisher.scan(FILE, () => []);
    publisher.scan(FILE, () => [FINDING]);
    publisher.scan(FILE, () => []);
    publisher.scan(FILE, () => []);
    assert.deepStrictEqual(counts(sent), [[FILE, 1], [FILE, 0]]);
  });

  it('publishes nothing of the scan\'s for an open document, and does not even work the diagnostics out', () => {
    const { publisher, sent } = setup([FILE]);
    publisher.scan(FILE, () => assert.fail('diagnostics of an open document were worked out'));
    publisher.withdraw(FILE);
    assert.deepStrictEqual(sent, []);
  });

  it('leaves the editor\'s diagnostics alone when the scan withdraws a verdict they replaced', () => {
    const { publisher, sent, open } = setup();
    publisher.scan(FILE, () => [FINDING]);
    open.add(FILE);
    publisher.editor(FILE, 3, []);
    publisher.withdraw(FILE);
    assert.deepStrictEqual(sent.map((params) => [params.diagnostics.length, params.version]), [[1, undefined], [0, 3]]);
  });

  it('withdraws the scan\'s findings when it no longer covers the file', () => {
    const { publisher, sent } = setup();
    publisher.scan(FILE, () => [FINDING]);
    publisher.withdraw(FILE);
    publisher.withdraw(FILE);
    assert.deepStrictEqual(counts(sent), [[FILE, 1], [FILE, 0]]);
  });

  it('clears a closed document and hands a file the scan has a verdict on back to it', () => {
    const { publisher, sent, open, handedBack } = setup([FILE, 'untitled:Untitled-1']);
    publisher.scan(FILE, () => [FINDING]);
    publisher.editor(FILE, 1, [FINDING]);
    publisher.editor('untitled:Untitled-1', 1, [FINDING]);
    open.clear();
    publisher.closed(FILE);
    publisher.closed('untitled:Untitled-1');
    assert.deepStrictEqual(counts(sent.slice(2)), [[FILE, 0], ['untitled:Untitled-1', 0]]);
    assert.deepStrictEqual(handedBack, [FILE]);
  });

  it('keeps a trust list\'s own problems when its document is closed', () => {
    const { publisher, sent, handedBack } = setup();
    const trust = 'file:///w/.ecr-trust.json';
    publisher.trustList(trust, [FINDING]);
    publisher.closed(trust);
    assert.deepStrictEqual(counts(sent), [[trust, 1]]);
    assert.deepStrictEqual(handedBack, []);
  });
});
