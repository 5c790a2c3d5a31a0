import * as assert from 'assert';
import { POLICY_SOURCES } from '../../server/src/core/sources/registry';
import { CANDIDATE_EXTENSIONS, CANDIDATE_GLOB, SYNCED_EXTENSIONS, SYNCED_LANGUAGES } from '../../server/src/protocol';

/**
 * The client syncs documents and the scan finds files by lists in the protocol module, which cannot import
 * the server's registry. These lists must cover every policy source, or a new format is silently never seen.
 */
describe('client: what it syncs and what the scan finds cover every policy source', () => {
  const lastEnding = (extension: string): string => extension.slice(extension.lastIndexOf('.') + 1);

  for (const source of POLICY_SOURCES) {
    it(`${source.id}: every file ending is found by the scan`, () => {
      for (const extension of source.extensions) assert.ok(CANDIDATE_EXTENSIONS.includes(lastEnding(extension)), `${extension} is not in CANDIDATE_EXTENSIONS`);
    });

    it(`${source.id}: every document is synced, by its language or by its file ending`, () => {
      for (const language of source.languageIds) assert.ok(SYNCED_LANGUAGES.includes(language) || source.extensions.every((extension) => SYNCED_EXTENSIONS.includes(lastEnding(extension))), `language ${language}`);
      for (const extension of source.extensions) {
        const byLanguage = source.languageIds.some((language) => SYNCED_LANGUAGES.includes(language));
        assert.ok(byLanguage || SYNCED_EXTENSIONS.includes(lastEnding(extension)), `${extension} has no synced language and is not synced by name`);
      }
    });
  }

  it('the scan glob is one brace group of the candidate endings', () => {
    assert.strictEqual(CANDIDATE_GLOB, `**/*.{${CANDIDATE_EXTENSIONS.join(',')}}`);
  });
});
