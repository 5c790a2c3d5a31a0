import { cloudFormationSource } from './cloudformation';
import { ecrApiSource } from './ecrApi';
import { jsonSource } from './json';
import { terraformSource } from './terraform';
import { terraformPlanSource } from './terraformPlan';
import { PolicySource, SourceId } from './types';

/**
 * Every format ECR Guard reads, in the order they are asked: for a name several read (`.json`), the first
 * whose cheap look claims the text wins, so the more specific formats come first. The ECR API's source reads
 * no file: only an audit hands it text.
 */
export const POLICY_SOURCES: readonly PolicySource[] = [
  terraformSource,
  terraformPlanSource,
  cloudFormationSource,
  jsonSource,
  ecrApiSource,
];

export function sourceById(id: SourceId): PolicySource | undefined {
  return POLICY_SOURCES.find((source) => source.id === id);
}

/** Sources that read files with this name, or failing that documents in this language. */
function candidates(name: string, languageId?: string): PolicySource[] {
  const lower = name.toLowerCase();
  const byName = POLICY_SOURCES.filter((source) => source.extensions.some((extension) => lower.endsWith(extension)));
  if (byName.length > 0 || languageId === undefined) return byName;
  return POLICY_SOURCES.filter((source) => source.languageIds.includes(languageId));
}

/**
 * Whether a file with this name may be one ECR Guard reads (the walk's filter, before the text is read).
 * Whether it is one is `sourceFor` with its text.
 */
export function mayBePolicyFile(name: string, languageId?: string): boolean {
  return candidates(name, languageId).length > 0;
}

/** The source that reads this file, judged by its name (or language) and a cheap look at its text. */
export function sourceFor(name: string, text: string, languageId?: string): PolicySource | undefined {
  return candidates(name, languageId).find((source) => source.claims === undefined || source.claims(text));
}

/** The source of a file by name alone, for files whose text is not read yet: only unambiguous names. */
export function moduleSourceFor(name: string): Extract<PolicySource, { grouping: 'module' }> | undefined {
  const found = candidates(name).find((source) => source.grouping === 'module');
  return found?.grouping === 'module' ? found : undefined;
}

/**
 * The most a file with this name need be read: the largest text any source that may read it parses (which
 * source reads it is known only once its text is). `sizeRefusal` then applies the claiming source's own limit.
 */
export function maxCharsFor(name: string, languageId?: string): number {
  const readers = candidates(name, languageId);
  if (readers.length === 0) return Number.POSITIVE_INFINITY;
  let limit = 0;
  for (const source of readers) limit = Math.max(limit, source.maxChars ?? Number.POSITIVE_INFINITY);
  return limit;
}

/** Why `source` does not parse `text` (too large for it), or undefined when it does. */
export function sizeRefusal(source: PolicySource, text: string): string | undefined {
  return source.maxChars !== undefined && text.length > source.maxChars ? `larger than the ${source.label} limit (${source.maxChars} characters)` : undefined;
}

// A glob matching the files of the sources given, in any folder, for file watchers.
export function extensionsGlob(sources: readonly PolicySource[] = POLICY_SOURCES): string {
  const extensions = [...new Set(sources.flatMap((source) => source.extensions.map((extension) => extension.slice(1))))];
  return `**/*.{${extensions.join(',')}}`;
}

/** Folders that hold dependencies, VCS data or provider caches, never the team's own policies. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git', '.terraform']);

/**
 * Whether a walk of the workspace (the scan, the CLI) looks at this path: a name some source may read,
 * outside skipped folders, and not the trust list (which is ECR Guard's own configuration).
 */
export function isWalkCandidate(path: string, trustFileName: string): boolean {
  const segments = path.split(/[\\/]/);
  const name = segments[segments.length - 1];
  if (name === trustFileName || !mayBePolicyFile(name)) return false;
  return !segments.some((segment) => SKIPPED_FOLDERS.has(segment));
}
