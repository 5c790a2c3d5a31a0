import { ANALYSED_SCHEMES, SYNCED_EXTENSIONS, SYNCED_LANGUAGES } from '../../server/src/protocol';

/**
 * The documents the client syncs to the server, and that the language status item is shown for: only the
 * schemes the server analyses (see server/src/protocol/schemes.ts: git:, output:, notebook cells are not
 * synced), and files whose language ID does not tell (see protocol/documents.ts). The server's cheap look
 * decides what each is: a Kubernetes manifest is synced but costs a few substring searches.
 */
export const ANALYSED_DOCUMENTS: ({ scheme: string; language: string } | { scheme: string; pattern: string })[] = [
  ...SYNCED_LANGUAGES.flatMap((language) => ANALYSED_SCHEMES.map((scheme) => ({ scheme, language }))),
  { scheme: 'file', pattern: `**/*.{${SYNCED_EXTENSIONS.join(',')}}` },
];
