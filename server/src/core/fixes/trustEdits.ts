import { applyEdits, findNodeAtLocation, modify } from 'jsonc-parser';
import { parseJson } from '../json/extract';
import { detectIndentation } from './text';

/** A new trust list, in the shape the README documents, for when there is none yet. */
export function newTrustList(): string {
  return `${JSON.stringify({ ownAccounts: [], organizationIds: [], trustedAccounts: {} }, null, 2)}\n`;
}

/** The trust list with `account` trusted for pull under `name`; the rest of the file is kept as it is. */
export function trustAccount(text: string | undefined, account: string, name: string): string {
  return edit(text ?? newTrustList(), ['trustedAccounts', account], { name, access: 'pull' });
}

/** The trust list with `organizationId` added to organizationIds (unchanged when it is there already). */
export function addOrganization(text: string | undefined, organizationId: string): string {
  const source = text ?? newTrustList();
  const root = parseJson(source);
  const list = root && findNodeAtLocation(root, ['organizationIds']);
  if (list?.type === 'array') {
    if ((list.children ?? []).some((item) => item.value === organizationId)) return source;
    return edit(source, ['organizationIds', list.children?.length ?? 0], organizationId, true);
  }
  return edit(source, ['organizationIds'], [organizationId]);
}

function edit(text: string, path: (string | number)[], value: unknown, isArrayInsertion = false): string {
  const { unit, eol } = detectIndentation(text);
  const formattingOptions = { insertSpaces: unit !== '\t', tabSize: unit === '\t' ? 4 : unit.length, eol };
  return applyEdits(text, modify(text, path, value, { formattingOptions, isArrayInsertion }));
}
