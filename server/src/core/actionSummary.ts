import { AccessLevel, EcrAction, isPushAction, LEVEL_LABELS, shortName } from './actions';

/**
 * Actions in a few words, for hovers, related information and one-row messages: grouped by access level
 * ("Write (29): BatchDeleteImage, ... and 25 more"), never one row per action.
 */

const LEVEL_ORDER: readonly AccessLevel[] = ['read', 'list', 'write', 'permissions', 'tagging'];

/** "a, b, c and 4 more" */
export function summarize(items: readonly string[], max = 4): string {
  if (items.length <= max) return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** The actions by access level, in catalogue order within each: [["Write", ["PutImage", ...]], ...]. */
export function byLevel(actions: readonly EcrAction[]): [string, string[]][] {
  const groups = new Map<AccessLevel, string[]>();
  for (const action of actions) groups.set(action.level, [...(groups.get(action.level) ?? []), shortName(action)]);
  return LEVEL_ORDER.filter((level) => groups.has(level)).map((level) => [LEVEL_LABELS[level], groups.get(level)!]);
}

/** "Write (2): PutImage and UploadLayerPart; Tagging (1): TagResource" */
export function levelsLine(actions: readonly EcrAction[], perLevel = 4): string {
  return byLevel(actions).map(([label, names]) => `${label} (${names.length}): ${summarize(names, perLevel)}`).join('; ');
}

type Verb = 'push' | 'delete' | 'change policy' | 'replicate' | 'create repositories' | 'write' | 'tag';
const VERB_ORDER: readonly Verb[] = ['push', 'delete', 'change policy', 'replicate', 'create repositories', 'write', 'tag'];

function verbOf(action: EcrAction): Verb | undefined {
  if (isPushAction(action)) return 'push';
  if (action.level === 'permissions') return 'change policy';
  if (action.level === 'tagging') return 'tag';
  if (action.level !== 'write') return undefined;
  const name = shortName(action);
  if (/^(Batch)?Delete/.test(name)) return 'delete';
  if (name === 'ReplicateImage') return 'replicate';
  return name === 'CreateRepository' ? 'create repositories' : 'write';
}

/**
 * What the write actions let a grantee do, the gravest first, at most three, after `lead` ("pull"): "push,
 * delete and change policy". "write" and "tag" are named only when nothing graver is granted.
 */
export function writeVerbs(actions: readonly EcrAction[], lead: readonly string[] = []): string {
  const verbs = VERB_ORDER.filter((verb) => actions.some((action) => verbOf(action) === verb));
  const grave = verbs.filter((verb) => verb !== 'write' && verb !== 'tag');
  return summarize([...lead, ...(grave.length > 0 ? grave : verbs).slice(0, 3)], 4);
}

/** The actions, the gravest first (PutImage leads): the first one names what matters in "PutImage and 34 more". */
export function gravestFirst(actions: readonly EcrAction[]): EcrAction[] {
  const rank = (action: EcrAction): number => (shortName(action) === 'PutImage' ? -1 : VERB_ORDER.indexOf(verbOf(action) ?? 'tag'));
  return [...actions].sort((a, b) => rank(a) - rank(b));
}
