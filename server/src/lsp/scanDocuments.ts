import { TextDocument } from 'vscode-languageserver-textdocument';
import { grantsInventory } from '../core/inventory';
import { lineOf, lineStarts } from '../core/text';
import { InventoryGrant } from '../protocol';

export function toInventoryGrants(document: TextDocument, grants: ReturnType<typeof grantsInventory>): InventoryGrant[] {
  return grants.map((grant) => {
    const start = document.positionAt(grant.span.offset);
    const end = document.positionAt(grant.span.offset + grant.span.length);
    const statementStart = document.positionAt(grant.statementSpan.offset);
    const statementEnd = document.positionAt(grant.statementSpan.offset + grant.statementSpan.length);
    const item: InventoryGrant = {
      grantee: grant.grantee, via: grant.via, documentIndex: grant.documentIndex, statementIndex: grant.statementIndex, actions: grant.actions,
      notAction: grant.notAction, granted: grant.granted, access: grant.access, rules: grant.rules, range: [start.line, start.character, end.line, end.character],
      statementRange: [statementStart.line, statementStart.character, statementEnd.line, statementEnd.character],
    };
    if (grant.policy !== undefined) item.policy = grant.policy;
    if (grant.repository !== undefined) item.repository = grant.repository;
    if (grant.sid !== undefined) item.sid = grant.sid;
    if (grant.severity !== undefined) item.severity = grant.severity;
    if (grant.suppressed && grant.suppressed.length > 0) item.suppressed = grant.suppressed;
    return item;
  });
}

/**
 * A read-only TextDocument for a scanned file's text: positions from line starts found with indexOf, which
 * is several times faster than TextDocument's character loop over the whole text.
 */
export function scanDocument(uri: string, languageId: string, text: string): TextDocument {
  // Carriage returns end lines in LSP too: such a text takes the general path.
  if (text.includes('\r')) return TextDocument.create(uri, languageId, 0, text);
  let starts: number[] | undefined;
  const lines = (): number[] => (starts ??= lineStarts(text));
  const positionAt = (offset: number): { line: number; character: number } => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const line = lineOf(lines(), clamped) - 1;
    return { line, character: clamped - lines()[line] };
  };
  return {
    uri, languageId, version: 0, getText: () => text, positionAt,
    offsetAt: (position) => Math.min(text.length, (lines()[position.line] ?? text.length) + position.character),
    getLineRange: (line) => {
      const start = lines()[line] ?? text.length;
      const next = lines()[line + 1] ?? text.length;
      const end = next > start && text[next - 1] === '\n' ? next - (text[next - 2] === '\r' ? 2 : 1) : next;
      return { start: positionAt(start), end: positionAt(end) };
    },
    getEOLCharacters: (line) => {
      const next = lines()[line + 1];
      if (next === undefined) return '';
      return text[next - 2] === '\r' ? '\r\n' : '\n';
    },
    get lineCount() {
      return lines().length;
    },
  };
}

