import { cap } from '../rowText';
import { didYouMean } from '../didYouMean';
import { RULE_IDS, RuleId } from '../rules/metadata';
import { isCalendarDate } from '../trust';

/** The word that starts a suppression comment: `ecr-guard-ignore RULE[,RULE] [until=YYYY-MM-DD] -- reason`. */
export const SUPPRESSION_MARKER = 'ecr-guard-ignore';

export interface Directive {
  rules: RuleId[];
  reason: string;
  /** Last day (inclusive, UTC) the suppression holds. */
  until?: string;
}

/** A comment that starts with the marker but cannot be applied; the findings it meant stay reported. */
export interface DirectiveProblem {
  problem: string;
}

const OPENERS = /^(?:#|\/\/|\/\*)/;
const UNTIL = /^until=(.*)$/;

/**
 * Reads one comment's text (opener included). Undefined when the comment is not a suppression: the marker
 * must come first, so prose that mentions it is not one. A directive without a reason, with an unknown rule
 * or an impossible date is a problem rather than a suppression: accepting a finding must say why, and a
 * typo must not silently pass a gate.
 */
export function parseDirective(comment: string): Directive | DirectiveProblem | undefined {
  let body = comment.replace(OPENERS, '');
  if (comment.startsWith('/*')) body = body.replace(/\*\/\s*$/, '');
  body = body.trim();
  if (!body.startsWith(SUPPRESSION_MARKER)) return undefined;
  const rest = body.slice(SUPPRESSION_MARKER.length);
  if (rest !== '' && !/^\s/.test(rest) && !rest.startsWith('--')) return undefined;
  const dashes = rest.indexOf('--');
  const head = (dashes === -1 ? rest : rest.slice(0, dashes)).trim();
  const reason = dashes === -1 ? '' : rest.slice(dashes + 2).trim();
  const words = head.split(/\s+/).filter((word) => word !== '');
  const until = words.length > 1 ? UNTIL.exec(words[words.length - 1]) : null;
  const ruleWords = (until ? words.slice(0, -1) : words).join(' ').split(/[\s,]+/).filter((word) => word !== '');
  if (ruleWords.length === 0) return { problem: `${SUPPRESSION_MARKER} needs the rules it suppresses: ${SUPPRESSION_MARKER} RULE[,RULE] -- reason.` };
  const unknown = ruleWords.find((word) => !(RULE_IDS as readonly string[]).includes(word));
  if (unknown !== undefined) return { problem: unknownRule(unknown) };
  if (until && !isCalendarDate(until[1])) return { problem: `until=${cap(until[1], 24)} is not a date written YYYY-MM-DD; the suppression does not apply.` };
  if (reason === '') return { problem: `${SUPPRESSION_MARKER} needs a reason after " -- "; the findings stay reported until it has one.` };
  return { rules: [...new Set(ruleWords as RuleId[])], reason, ...(until ? { until: until[1] } : {}) };
}

function unknownRule(word: string): string {
  const near = didYouMean(word, RULE_IDS, 3);
  const named = `"${cap(word, 32)}" is not an ECR Guard rule`;
  return near ? `${named}. Did you mean ${near}?` : `${named}; the suppression does not apply. The reason goes after " -- ".`;
}
