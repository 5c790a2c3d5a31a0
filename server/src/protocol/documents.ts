/**
 * Which documents the client hands to the server, and which files the workspace scan asks VS Code to find.
 * The server's registry of policy sources (core/sources/registry.ts) decides what each one is;
 * test/unit/client-selector.test.ts checks that these lists cover every source, so a new format is not
 * silently left unsynced.
 */

/** Editor languages synced in every analysed scheme (unsaved buffers have no file name to go by). */
export const SYNCED_LANGUAGES: readonly string[] = ['json', 'jsonc', 'yaml', 'cloudformation'];

/**
 * File endings synced whatever their language ID: `.tf` is `terraform` with HashiCorp's extension and
 * `plaintext` without it; `.template` (CloudFormation) has no language of its own; `.yml`/`.yaml` may be claimed
 * by other YAML dialects' extensions (`dockercompose`, `github-actions-workflow`, `ansible`).
 */
export const SYNCED_EXTENSIONS: readonly string[] = ['tf', 'template', 'yaml', 'yml'];

/** Every file ending some source may read, for the workspace scan's file search. */
export const CANDIDATE_EXTENSIONS: readonly string[] = ['json', 'jsonc', 'tf', 'yaml', 'yml', 'template'];

export const CANDIDATE_GLOB = `**/*.{${CANDIDATE_EXTENSIONS.join(',')}}`;
