import { findNodeAtLocation, modify, applyEdits as applyJsonEdits, Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as HclNode } from 'web-tree-sitter';
import { AnalysisOptions, checkPolicies } from '../../server/src/core/analyze';
import { analyzeConditions, WeaknessKind } from '../../server/src/core/conditions';
import { addOrganization, addOwnAccount, applyEdits, Fix, FixAnswers, fixAll, fixesFor, FixSource, trustAccount } from '../../server/src/core/fixes';
import { coverKey, multisetMinus } from '../../server/src/core/fixes/fixAll';
import { extractJsonPolicies } from '../../server/src/core/json/extract';
import { extractJsonReplications } from '../../server/src/core/json/replication';
import { PULL_ACTIONS, PUSH_ACTIONS, Registry } from '../../server/src/core/actions';
import { PUBLIC_PUSH_ACTIONS } from '../../server/src/core/publicActions';
import { registryOf } from '../../server/src/core/registryOf';
import { isEcrResourcePolicy } from '../../server/src/core/grants';
import { Finding, isSuppressed, PolicyDocument, PolicyStatement } from '../../server/src/core/model';
import { jsonSource } from '../../server/src/core/sources/json';
import { terraformSource } from '../../server/src/core/sources/terraform';
import { suppressFindings } from '../../server/src/core/suppressions';
import { identifyPrincipal } from '../../server/src/core/principals';
import { moduleContext, summarizeTerraform, TerraformBlockCache, TerraformFileSummary, TerraformParser } from '../../server/src/core/terraform';
import { parseTrustList, TrustList } from '../../server/src/core/trust';

/**
 * Shared by the fix tests (fixtures and generated policies): analysis that yields what the fix builders
 * need (text, documents, Terraform parser), and the checks every applied fix must pass. Each check returns
 * problems as sentences rather than throwing, so a failing generated case can be reported with its seed.
 */

export { coverKey };

export type Syntax = 'json' | 'terraform' | 'yaml';

export interface Analysis {
  text: string;
  source: FixSource;
  findings: Finding[];
  /** Syntax errors: tree-sitter's for Terraform; jsonc-parser's for JSON (and for heredoc JSON regions). */
  syntax: SyntaxState;
}

export interface SyntaxState {
  /** JSON: errors with trailing commas allowed (JSONC); Terraform: whether the tree has an error. */
  lenient: string[];
  /** JSON: errors with trailing commas counted; empty for Terraform. */
  strict: string[];
  /** JSON regions of documents (heredocs and the JSON file itself): errors per document, in order. */
  regions: string[][];
  /** Duplicate keys (JSON objects, HCL objects, attributes of an HCL body). */
  duplicates: string[];
}

export interface Analyzer {
  syntax: Syntax;
  trust?: TrustList;
  analyze(text: string, trust?: TrustList): Analysis;
  /**
   * The statement starting at `offset`, part by part (property, attribute or nested block; comments left
   * out): name and text. `json`: the statement is JSON (a JSON file or a heredoc), else HCL.
   */
  parts(text: string, offset: number, json: boolean): StatementPart[];
}

export interface StatementPart {
  /** `Action`, `actions`, `principals` (blocks repeat), ... */
  name: string;
  text: string;
}

export function jsonAnalyzer(options: { trust?: TrustList; now?: Date }): Analyzer {
  return {
    syntax: 'json',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      const documents = extractJsonPolicies(text);
      const checked = checkPolicies(documents, { trust, now: options.now }, extractJsonReplications(text));
      // As the language server's fix context: suppressed findings are never fixed.
      const findings = suppressFindings(checked, { name: 'policy.json', text, source: jsonSource, environment: {}, options: { trust, now: options.now } }).filter((finding) => !isSuppressed(finding));
      return { text, source: { text, documents, trust }, findings, syntax: jsonSyntaxState(text, documents) };
    },
    parts: jsonParts,
  };
}

/** Properties of the JSON object at `offset` (a statement, in a JSON file or a heredoc). */
export function jsonParts(text: string, offset: number): StatementPart[] {
  const root = parseTree(text.slice(offset), [], { allowTrailingComma: true });
  return (root?.type === 'object' ? root.children ?? [] : []).map((property) => ({
    name: String(property.children?.[0]?.value),
    text: text.slice(offset + property.offset, offset + property.offset + property.length),
  }));
}

/**
 * A Terraform file analysed the way the language server analyses an open document: a block cache over a
 * fresh tree, in the context of the module's other files (given as text).
 */
export function terraformAnalyzer(parser: TerraformParser, options: { trust?: TrustList; now?: Date; otherFiles?: readonly string[] }): Analyzer {
  const others: TerraformFileSummary[] = (options.otherFiles ?? []).map((text, index) => {
    const tree = parser.parse(text);
    try {
      return summarizeTerraform(tree.rootNode, `other${index}.tf`);
    } finally {
      tree.delete();
    }
  });
  const analyzeText = (text: string, trust: TrustList | undefined): Analysis => {
    const tree = parser.parse(text);
    try {
      const blocks = new TerraformBlockCache("main.tf");
      const summary = blocks.summarize(tree.rootNode);
      const analysisOptions: AnalysisOptions = { trust, now: options.now };
      const analysis = blocks.analyze(tree.rootNode, moduleContext([summary, ...others]), analysisOptions);
      const source: FixSource = { text, documents: analysis.documents, trust, parseTerraform: (next) => parser.parse(next) };
      const syntax: SyntaxState = {
        lenient: tree.rootNode.hasError ? ['tree-sitter reports a syntax error'] : [],
        strict: [],
        regions: jsonRegions(text, analysis.documents),
        duplicates: hclDuplicates(tree.rootNode),
      };
      const findings = suppressFindings(analysis.findings, { name: 'main.tf', text, source: terraformSource, environment: { terraform: parser }, options: analysisOptions })
        .filter((finding) => !isSuppressed(finding));
      return { text, source, findings, syntax };
    } finally {
      tree.delete();
    }
  };
  // The checks analyse the same text more than once (the file before each fix, after a fix that fix-all
  // applies too); parsing dominates the run time, so analyses are kept per text and trust list.
  const cache = new Map<string, Analysis>();
  const trustIds = new Map<TrustList | undefined, number>();
  return {
    syntax: 'terraform',
    trust: options.trust,
    analyze(text, trust = options.trust) {
      if (!trustIds.has(trust)) trustIds.set(trust, trustIds.size);
      const key = `${trustIds.get(trust)}\u0000${text}`;
      let analysis = cache.get(key);
      if (!analysis) {
        if (cache.size > 500) cache.clear();
        analysis = analyzeText(text, trust);
        cache.set(key, analysis);
      }
      return analysis;
    },
    parts(text, offset, json) {
      if (json) return jsonParts(text, offset);
      const tree = parser.parse(text);
      try {
        let node: HclNode | null = tree.rootNode.descendantForIndex(offset);
        while (node && !((node.type === 'block' || node.type === 'object') && node.startIndex === offset)) node = node.parent;
        if (!node) return [];
        if (node.type === 'object') {
          return node.namedChildren.filter((child): child is HclNode => child?.type === 'object_elem')
            .map((element) => ({ name: (element.childForFieldName('key')?.text ?? '').replace(/^"|"$/g, ''), text: element.text }));
        }
        const body = node.namedChildren.find((child) => child?.type === 'body');
        return (body?.namedChildren ?? []).filter((child): child is HclNode => child !== null && child.type !== 'comment')
          .map((child) => ({ name: child.namedChild(0)?.text ?? child.type, text: child.text }));
      } finally {
        tree.delete();
      }
    },
  };
}

function jsonErrors(text: string, allowTrailingComma: boolean): string[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma, disallowComments: false });
  const messages = errors.map((error) => `${printParseErrorCode(error.error)} at ${error.offset}`);
  return root || text.trim() === '' ? messages : [...messages, 'no JSON value'];
}

export function jsonSyntaxState(text: string, documents: readonly PolicyDocument[]): SyntaxState {
  const root = parseTree(text, [], { allowTrailingComma: true });
  return { lenient: jsonErrors(text, true), strict: jsonErrors(text, false), regions: jsonRegions(text, documents), duplicates: root ? jsonDuplicates(root) : [] };
}

export function jsonRegions(text: string, documents: readonly PolicyDocument[]): string[][] {
  return documents.map((document) => {
    if (document.syntax.kind !== 'json') return [];
    const { offset, length } = document.syntax.span;
    return jsonErrors(text.slice(offset, offset + length), true);
  });
}

function jsonDuplicates(node: JsonNode): string[] {
  const found: string[] = [];
  const visit = (current: JsonNode): void => {
    if (current.type === 'object') {
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const key = property.children?.[0]?.value as string | undefined;
        if (key !== undefined && seen.has(key)) found.push(`duplicate key "${key}" at ${property.offset}`);
        if (key !== undefined) seen.add(key);
      }
    }
    for (const child of current.children ?? []) visit(child);
  };
  visit(node);
  return found;
}

function hclDuplicates(root: HclNode): string[] {
  const found: string[] = [];
  for (const body of root.descendantsOfType('body')) {
    const seen = new Set<string>();
    for (const child of body?.namedChildren ?? []) {
      if (child?.type !== 'attribute') continue;
      const name = child.namedChild(0)?.text ?? '';
      if (seen.has(name)) found.push(`attribute "${name}" defined twice at ${child.startIndex}`);
      seen.add(name);
    }
  }
  for (const object of root.descendantsOfType('object')) {
    const seen = new Set<string>();
    for (const child of object?.namedChildren ?? []) {
      if (child?.type !== 'object_elem') continue;
      const key = (child.childForFieldName('key')?.text ?? '').replace(/^"|"$/g, '');
      if (seen.has(key)) found.push(`object key "${key}" twice at ${child.startIndex}`);
      seen.add(key);
    }
  }
  return found;
}

/** The same finding in other text, found by rule and covered text at a mapped offset. */
export function findingKey(text: string, finding: Finding, offset = finding.span.offset): string {
  return `${finding.rule}|${offset}|${text.slice(finding.span.offset, finding.span.offset + finding.span.length)}`;
}

/** A statement as what it says, spans left out, for comparing the statement a fix produced with the one before. */
export interface StatementMeaning {
  sid?: string;
  effect?: string;
  notPrincipal: boolean;
  principals: string[];
  notAction: boolean;
  actions: string[];
  conditions: string[];
}

export function meaning(statement: PolicyStatement): StatementMeaning {
  return {
    sid: statement.sid?.value,
    effect: statement.effect?.value,
    notPrincipal: statement.notPrincipal,
    principals: statement.principals.map((principal) => `${principal.kind}:${principal.value.value}`).sort(),
    notAction: statement.notAction,
    actions: statement.actions.map((action) => action.value).sort(),
    conditions: statement.conditions.map(clauseText).sort(),
  };
}

function clauseText(clause: PolicyStatement['conditions'][number]): string {
  return `${clause.operator.value}|${clause.key.value}|${clause.values.map((value) => value.value).join(',')}`;
}

/** The parts of a statement (JSON/jsonencode keys, policy document attributes and blocks) each fix may rewrite. */
const TOUCHES: Partial<Record<Fix['id'], string[]>> = {
  'restrict-to-pull': ['Action', 'NotAction', 'actions', 'not_actions'],
  'restrict-to-push-and-pull': ['Action', 'NotAction', 'actions', 'not_actions'],
  'add-organization-condition': ['Condition', 'condition'],
  'add-source-account-condition': ['Condition', 'condition'],
  'not-principal-to-organization': ['NotPrincipal', 'Principal', 'Condition', 'not_principals', 'principals', 'condition'],
  'remove-principal': ['Principal', 'principals'],
  'replace-action': ['Action', 'NotAction', 'actions', 'not_actions'],
};
const REPLACEABLE: ReadonlySet<WeaknessKind> = new Set(['if-exists', 'for-all-values', 'wildcard', 'policy-variable', 'no-values']);

function statementAt(documents: readonly PolicyDocument[], offset: number): PolicyStatement | undefined {
  for (const document of documents) for (const statement of document.statements) if (statement.span.offset === offset) return statement;
  return undefined;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Where an applied fix may have changed the text: the statement; for remove-statement also the trivia
 * around it (whitespace, list commas and comments up to the neighbouring tokens), where the separator and
 * a comment on the statement's own lines go with it (in YAML also the `- ` that introduces it).
 */
function editableRegion(text: string, finding: Finding, fix: Fix, syntax: Syntax): { lo: number; hi: number } {
  const { offset, length } = finding.data.statementSpan;
  // A YAML statement's span ends with its last value; the rest of that line (a comment) and its line break
  // are the statement's too, where a key added after the last one goes (as fix-all's extent has it).
  if (fix.id !== 'remove-statement') return { lo: offset, hi: offset + length + (syntax === 'yaml' ? lineRest(text, offset + length) : 0) };
  const trivia = syntax === 'yaml' ? yamlTriviaMap(text) : triviaMap(text);
  let lo = offset;
  while (lo > 0 && trivia[lo - 1]) lo--;
  let hi = offset + length;
  while (hi < text.length && trivia[hi]) hi++;
  return { lo, hi };
}

function lineRest(text: string, end: number): number {
  const rest = /^[ \t]*(?:#[^\r\n]*)?(?:\r?\n)?/.exec(text.slice(end, text.indexOf('\n', end) + 1 || text.length));
  return rest ? rest[0].length : 0;
}

/** Per character: whitespace, a comma, or part of a comment (`//`, `#`, block); strings are not trivia. */
function triviaMap(text: string): boolean[] {
  const trivia = new Array<boolean>(text.length).fill(false);
  for (let i = 0; i < text.length;) {
    const char = text[i];
    if (char === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (text.startsWith('//', i) || char === '#') {
      let j = i;
      while (j < text.length && text[j] !== '\n' && text[j] !== '\r') trivia[j++] = true;
      i = j;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const j = close < 0 ? text.length : close + 2;
      for (let k = i; k < j; k++) trivia[k] = true;
      i = j;
    } else {
      trivia[i] = /[\s,]/.test(char);
      i++;
    }
  }
  return trivia;
}

/** YAML: whitespace, commas, `#` comments (after a space or at a line start) and a line's leading `- `; quoted strings are not trivia. */
function yamlTriviaMap(text: string): boolean[] {
  const trivia = new Array<boolean>(text.length).fill(false);
  for (let i = 0; i < text.length;) {
    const char = text[i];
    const lineStart = i === 0 || /[\r\n]/.test(text[i - 1]);
    if (char === '"' || char === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== char) j += char === '"' && text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (char === '#' && (lineStart || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') trivia[i++] = true;
    } else if (char === '-' && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i)) && /[ \r\n]/.test(text[i + 1] ?? '\n')) {
      trivia[i++] = true;
    } else {
      trivia[i] = /[\s,]/.test(char);
      i++;
    }
  }
  return trivia;
}

/** A YAML sequence item's `-`, in trivia (where a `-` is nothing else). */
const YAML_DASH = /-(?=[ \t\r\n]|$)/g;

/** The comments of a piece of text. */
function commentsOf(text: string): string[] {
  return text.match(/\/\/[^\r\n]*|#[^\r\n]*|\/\*[\s\S]*?\*\//g) ?? [];
}

function commas(text: string): number {
  return (text.match(/,/g) ?? []).length;
}

function syntaxProblems(before: SyntaxState, after: SyntaxState): string[] {
  const problems: string[] = [];
  if (before.lenient.length === 0 && after.lenient.length > 0) problems.push(`the result does not parse: ${after.lenient.join('; ')}`);
  if (before.strict.length === 0 && after.strict.length > 0) problems.push(`the result is no longer strict JSON: ${after.strict.join('; ')}`);
  before.regions.forEach((errors, index) => {
    const now = after.regions[index];
    if (errors.length === 0 && now && now.length > 0) problems.push(`the JSON of document ${index} does not parse: ${now.join('; ')}`);
  });
  const added = multisetMinus(after.duplicates.map((item) => item.replace(/ at \d+$/, '')), before.duplicates.map((item) => item.replace(/ at \d+$/, '')));
  if (added.length > 0) problems.push(`the result has duplicate keys: ${added.join('; ')}`);
  return problems;
}

/**
 * Applies a fix that has document edits and checks what the issue asks of every fix:
 *  1. the result parses wherever the input did (JSON strict and lenient, HCL, heredoc JSON), with no
 *     duplicate key it did not have;
 *  2. the targeted finding is gone and no finding appears: findings outside the statement are exactly
 *     those before (moved by the edit's length change); findings inside the statement, as (rule, covered
 *     text), are a sub-multiset of those before minus the target (a removed principal or statement takes
 *     its other findings with it, a pull-only statement its other write findings, an organisation binding
 *     any finding about who is granted); restricting actions keeps every finding that is not external-write;
 *  3. the text outside the statement is unchanged byte for byte (for remove-statement: outside the
 *     statement and the trivia around it up to its neighbours: whitespace, the list comma, comments on its
 *     lines; what is left there is whitespace, at most that comma less one, and comments that were there);
 * and, so that a fix is also minimal and does what its title says: the parts of the statement the fix is
 * not about (TOUCHES) keep their exact text, and the statement now means what the fix promises
 * (`expectMeaning`). `baseline` is the text before analysed as `after` is (same trust list).
 */
export function checkAppliedFix(analyzer: Analyzer, baseline: Analysis, finding: Finding, fix: Fix, options: { trust?: TrustList; organizationId?: string; account?: string } = {}): { problems: string[]; after?: Analysis } {
  const problems: string[] = [];
  if (!fix.edits || fix.edits.length === 0) return { problems: [`fix ${fix.id} has no edits`] };
  const before = baseline.text;
  const text = applyEdits(before, fix.edits);
  const after = analyzer.analyze(text, options.trust ?? analyzer.trust);
  const delta = text.length - before.length;
  const { lo, hi } = editableRegion(before, finding, fix, analyzer.syntax);

  // 3. text outside the statement
  if (text.slice(0, lo) !== before.slice(0, lo)) problems.push(`text before the statement (offset ${lo}) changed`);
  if (text.length - (before.length - hi) < lo || text.slice(text.length - (before.length - hi)) !== before.slice(hi)) problems.push(`text after the statement (offset ${hi}) changed`);
  if (fix.id === 'remove-statement' && problems.length === 0) {
    const middle = text.slice(lo, text.length - (before.length - hi));
    const separators = before.slice(lo, finding.data.statementSpan.offset) + before.slice(finding.data.statementSpan.offset + finding.data.statementSpan.length, hi);
    // A YAML list's `- ` separates items as a comma does: one of the statement's and its neighbour's may stay.
    const uncommented = (part: string): string => part.replace(/\/\/[^\r\n]*|#[^\r\n]*|\/\*[\s\S]*?\*\//g, '');
    const dashes = (part: string): number => (analyzer.syntax === 'yaml' ? uncommented(part).match(YAML_DASH) ?? [] : []).length;
    const bare = uncommented(middle).replace(analyzer.syntax === 'yaml' ? YAML_DASH : /$^/, '');
    const invented = multisetMinus(commentsOf(middle), commentsOf(separators));
    if (!/^[\s,]*$/.test(bare) || invented.length > 0 || commas(middle) > Math.max(0, commas(separators) - 1) || dashes(middle) > Math.max(0, dashes(separators) - 1)) {
      problems.push(`removing the statement left ${JSON.stringify(middle)} where ${JSON.stringify(before.slice(lo, hi))} stood`);
    }
  }

  // 1. still parses
  problems.push(...syntaxProblems(baseline.syntax, after.syntax));

  // 2. findings
  const { offset: start, length } = finding.data.statementSpan;
  const end = start + length;
  const removed = fix.id === 'remove-statement';
  const inside = (candidate: Finding): boolean => candidate.span.offset >= start && candidate.span.offset < end;
  const outsideBefore = baseline.findings.filter((candidate) => !inside(candidate))
    .map((candidate) => findingKey(before, candidate, candidate.span.offset < start ? candidate.span.offset : candidate.span.offset + delta));
  const afterEnd = removed ? text.length - (before.length - hi) : end + delta;
  const afterStart = removed ? lo : start;
  const insideAfter = (candidate: Finding): boolean => candidate.span.offset >= afterStart && candidate.span.offset < afterEnd && !(removed && candidate.span.offset >= afterEnd);
  const outsideAfter = after.findings.filter((candidate) => !insideAfter(candidate)).map((candidate) => findingKey(text, candidate));
  const appearedOutside = multisetMinus(outsideAfter, outsideBefore);
  // invalid-policy judges only ECR policies: removing the one statement with an ECR action leaves the rest unjudged.
  const stillEcr = after.source.documents.some((document) => isEcrResourcePolicy(document));
  const vanishedOutside = multisetMinus(outsideBefore, outsideAfter).filter((key) => !(removed && !stillEcr && key.startsWith('invalid-policy|')));
  if (appearedOutside.length > 0) problems.push(`new findings outside the statement: ${appearedOutside.join(', ')}`);
  if (vanishedOutside.length > 0) problems.push(`findings outside the statement changed or vanished: ${vanishedOutside.join(', ')}`);
  const insideBeforeKeys = baseline.findings.filter(inside).map((candidate) => coverKey(before, candidate));
  const insideAfterKeys = after.findings.filter(insideAfter).map((candidate) => coverKey(text, candidate));
  const target = coverKey(before, finding);
  const allowed = multisetMinus(insideBeforeKeys, [target]);
  // The real action may grant what the misspelt one did not: other rules may then speak, this one may not.
  const appeared = multisetMinus(insideAfterKeys, allowed).filter((key) => fix.id !== 'replace-action' || key.startsWith(`${finding.rule}|`));
  if (appeared.length > 0) {
    problems.push(appeared.includes(target) && multisetMinus(appeared, [target]).length === 0 ? `the targeted finding ${target} is still there` : `findings the statement did not have (or the target, still there): ${appeared.join(', ')}`);
  }
  if (fix.id === 'restrict-to-pull' || fix.id === 'restrict-to-push-and-pull') {
    // Restricting actions takes write findings away, nothing else; unless a Deny of the policy takes back
    // what is left, or the policy is a registry policy under scope V1, which does not enforce pull actions
    // (then the grantee gets nothing, and its other findings go too).
    const scopeV1 = baseline.source.documents.some((document) => document.registryScope === 'V1' && document.statements.some((statement) => statement.span.offset === start));
    const guarded = scopeV1 || /"Effect"\s*:\s*"Deny"|effect\s*=\s*"Deny"|Effect:\s*["']?Deny/.test(before);
    const kept = guarded ? [] : baseline.findings.filter((candidate) => inside(candidate) && candidate.rule !== 'external-write').map((candidate) => coverKey(before, candidate));
    const lost = multisetMinus(kept, insideAfterKeys);
    if (lost.length > 0) problems.push(`restricting actions also took away ${lost.join(', ')}`);
  }

  // The statement's other parts keep their text (the fix touches only what it is about).
  if (!removed) {
    const touched = TOUCHES[fix.id] ?? [];
    const untouched = (parts: StatementPart[]): string[] => parts.filter((part) => !touched.includes(part.name)).map((part) => `${part.name}: ${part.text}`);
    const json = baseline.source.documents.find((document) => document.statements.some((statement) => statement.span.offset === start))?.syntax.kind === 'json';
    const lost = multisetMinus(untouched(analyzer.parts(before, start, json)), untouched(analyzer.parts(text, start, json)));
    if (lost.length > 0) problems.push(`${fix.id} rewrote parts of the statement it is not about: ${lost.join(' | ')}`);
  }

  // The statement says what the fix promised.
  const beforeStatement = statementAt(baseline.source.documents, start);
  if (!beforeStatement) problems.push('the statement of the finding is not in the documents before the fix');
  else if (removed) {
    const count = (documents: readonly PolicyDocument[]): number => documents.reduce((sum, document) => sum + document.statements.length, 0);
    if (count(after.source.documents) !== count(baseline.source.documents) - 1) problems.push(`remove-statement left ${count(after.source.documents)} statements (was ${count(baseline.source.documents)})`);
  } else {
    const afterStatement = statementAt(after.source.documents, start);
    if (!afterStatement) problems.push('the statement is no longer where it started');
    else problems.push(...expectMeaning(fix, beforeStatement, afterStatement, boundValueOf(fix, analyzer.trust, options), registryAt(baseline.source.documents, start)));
  }
  return { problems, after };
}

/** The organisation or account a binding fix names: given, in its title, or the trust list's first. */
function boundValueOf(fix: Fix, trust: TrustList | undefined, given: { organizationId?: string; account?: string }): string | undefined {
  if (fix.id === 'add-source-account-condition') return given.account ?? /\((\d{12})\)$/.exec(fix.title)?.[1] ?? [...(trust?.ownAccounts.keys() ?? [])][0];
  return given.organizationId ?? /\((o-[a-z0-9]+)\)$/.exec(fix.title)?.[1] ?? [...(trust?.organizationIds.keys() ?? [])][0];
}

function registryAt(documents: readonly PolicyDocument[], offset: number): Registry {
  const document = documents.find((candidate) => candidate.statements.some((statement) => statement.span.offset === offset));
  return document ? registryOf(document) : 'private';
}

/** What a restricting fix must leave: a public repository has no pull-only form, and pushes with AWS's example set. */
function restrictedTo(fixId: string, registry: Registry): string[] {
  if (registry === 'public') return fixId === 'restrict-to-pull' ? ['(none: not offered)'] : [...PUBLIC_PUSH_ACTIONS].sort();
  return (fixId === 'restrict-to-pull' ? [...PULL_ACTIONS] : [...PULL_ACTIONS, ...PUSH_ACTIONS]).sort();
}

/** `value`: the organisation or account a binding fix names. */
function expectMeaning(fix: Fix, before: PolicyStatement, after: PolicyStatement, value: string | undefined, registry: Registry): string[] {
  const was = meaning(before);
  const now = meaning(after);
  const problems: string[] = [];
  const same = (...fields: (keyof StatementMeaning)[]): void => {
    for (const field of fields) if (JSON.stringify(was[field]) !== JSON.stringify(now[field])) problems.push(`${fix.id} changed ${field}: ${JSON.stringify(was[field])} -> ${JSON.stringify(now[field])}`);
  };
  switch (fix.id) {
    case 'restrict-to-pull':
    case 'restrict-to-push-and-pull': {
      const want = restrictedTo(fix.id, registry);
      if (now.notAction || !sameStrings(now.actions, want)) problems.push(`${fix.id} left ${now.notAction ? 'NotAction' : 'Action'} ${JSON.stringify(now.actions)}`);
      same('sid', 'effect', 'notPrincipal', 'principals', 'conditions');
      break;
    }
    case 'add-organization-condition':
    case 'not-principal-to-organization': {
      if (fix.id === 'add-organization-condition') same('notPrincipal', 'principals');
      else if (after.notPrincipal || after.principals.length !== 1 || identifyPrincipal(after.principals[0]).kind !== 'wildcard') problems.push(`not-principal-to-organization left ${JSON.stringify(now.principals)} (NotPrincipal: ${now.notPrincipal})`);
      same('sid', 'effect', 'notAction', 'actions');
      problems.push(...expectBinding(fix, before, after, 'aws:PrincipalOrgID', value));
      break;
    }
    case 'add-source-account-condition': {
      same('sid', 'effect', 'notPrincipal', 'principals', 'notAction', 'actions');
      problems.push(...expectBinding(fix, before, after, 'aws:SourceAccount', value));
      break;
    }
    case 'remove-principal': {
      same('sid', 'effect', 'notPrincipal', 'notAction', 'actions', 'conditions');
      const gone = multisetMinus(was.principals, now.principals);
      const added = multisetMinus(now.principals, was.principals);
      const title = fix.title.replace(/^Remove principal /, '');
      if (gone.length !== 1 || added.length !== 0 || gone[0].slice(gone[0].indexOf(':') + 1) !== title) {
        problems.push(`remove-principal (${title}) removed ${JSON.stringify(gone)} and added ${JSON.stringify(added)}`);
      }
      break;
    }
    case 'replace-action': {
      same('sid', 'effect', 'notPrincipal', 'principals', 'notAction', 'conditions');
      const gone = multisetMinus(was.actions, now.actions);
      const added = multisetMinus(now.actions, was.actions);
      const name = fix.title.replace(/^Replace with /, '');
      if (gone.length !== 1 || added.length !== 1 || added[0] !== name || gone[0].toLowerCase() === name.toLowerCase()) {
        problems.push(`replace-action (${name}) removed ${JSON.stringify(gone)} and added ${JSON.stringify(added)}`);
      }
      break;
    }
    default:
      problems.push(`no expectation for fix ${fix.id}`);
  }
  return problems;
}

/**
 * A binding fix left exactly one StringEquals clause on `key` naming `value`, no weak clause on the key
 * beside it, no other clause on the key it did not have, and every clause on other keys as it was.
 */
function expectBinding(fix: Fix, before: PolicyStatement, after: PolicyStatement, key: string, value: string | undefined): string[] {
  const problems: string[] = [];
  const was = meaning(before).conditions;
  const now = meaning(after).conditions;
  const lower = key.toLowerCase();
  const onKey = (clause: string): boolean => clause.split('|')[1].toLowerCase() === lower;
  const other = (clauses: readonly string[]): string[] => clauses.filter((clause) => !onKey(clause));
  if (!sameStrings(other(was), other(now))) problems.push(`${fix.id} changed conditions on other keys: ${JSON.stringify(was)} -> ${JSON.stringify(now)}`);
  const bound = after.conditions.filter((clause) => clause.operator.value === 'StringEquals' && clause.key.value.toLowerCase() === lower);
  if (bound.length !== 1 || !value || !bound[0].values.some((candidate) => candidate.value === value)) problems.push(`${fix.id} did not leave one StringEquals ${key} with ${value}: ${JSON.stringify(now)}`);
  const weak = analyzeConditions(after).weak.filter((candidate) => REPLACEABLE.has(candidate.kind) && candidate.clause.key.value.toLowerCase() === lower);
  if (weak.length > 0) problems.push(`${fix.id} left a weak ${key} clause beside the new one: ${weak.map((candidate) => clauseText(candidate.clause)).join(', ')}`);
  const invented = multisetMinus(now.filter((clause) => onKey(clause) && clause !== clauseText(bound[0] ?? after.conditions[0])), was.filter(onKey));
  if (invented.length > 0) problems.push(`${fix.id} wrote ${key} clauses it should not have: ${invented.join(', ')}`);
  return problems;
}

/**
 * The trust-account fix: the trust list gains the account for pull under the given name and nothing else
 * changes in it; re-analysed with it, the target and any other untrusted-account finding of that account
 * go, and every other finding stays where it was.
 */
export function checkTrustAccount(analyzer: Analyzer, baseline: Analysis, finding: Finding, fix: Fix, trustText: string | undefined, name = 'vendor scanner'): string[] {
  const problems: string[] = [];
  if (fix.edits) problems.push('trust-account has document edits');
  if (fix.needs?.kind !== 'account-name' || fix.needs.account !== finding.data.account) return [...problems, `trust-account needs ${JSON.stringify(fix.needs)}`];
  const account = fix.needs.account;
  const edited = trustAccount(trustText, account, name);
  const parsed = parseTrustList(edited, 'trust.json');
  if (parsed.problems.length > 0) problems.push(`the edited trust list has problems: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
  const entry = parsed.list.trustedAccounts.get(account);
  if (!entry || entry.access !== 'pull' || entry.name !== name) problems.push(`the trust list does not trust ${account} for pull as "${name}": ${JSON.stringify(entry)}`);
  if (trustText !== undefined) {
    const expected = JSON.parse(JSON.stringify(parseLoose(trustText)));
    expected.trustedAccounts = { ...(expected.trustedAccounts ?? {}), [account]: { name, access: 'pull' } };
    if (JSON.stringify(parseLoose(edited)) !== JSON.stringify(expected)) problems.push('the trust list changed beyond the new entry');
  }
  const after = analyzer.analyze(baseline.text, parsed.list);
  const keys = (findings: readonly Finding[]): string[] => findings.map((candidate) => findingKey(baseline.text, candidate));
  const allowedToGo = baseline.findings.filter((candidate) => candidate.rule === 'untrusted-account' && candidate.data.account === account);
  const appeared = multisetMinus(keys(after.findings), keys(baseline.findings));
  const vanished = multisetMinus(keys(baseline.findings), keys(after.findings));
  if (appeared.length > 0) problems.push(`trusting ${account} made findings appear: ${appeared.join(', ')}`);
  const wrong = multisetMinus(vanished, keys(allowedToGo));
  if (wrong.length > 0) problems.push(`trusting ${account} took away findings about something else: ${wrong.join(', ')}`);
  if (!vanished.includes(findingKey(baseline.text, finding))) problems.push(`trusting ${account} did not clear the targeted finding`);
  return problems;
}

function parseLoose(text: string): Record<string, unknown> {
  const root = parseTree(text, [], { allowTrailingComma: true });
  return (root ? nodeValue(root) : {}) as Record<string, unknown>;
}

function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': return Object.fromEntries((node.children ?? []).map((property) => [property.children![0].value, property.children![1] ? nodeValue(property.children![1]) : undefined]));
    case 'array': return (node.children ?? []).map(nodeValue);
    default: return node.value;
  }
}

/** The trust list text with `section` (organizationIds, ownAccounts) emptied, the rest as it was. */
function withEmpty(trustText: string, section: string): string {
  const root = parseTree(trustText, [], { allowTrailingComma: true });
  if (!root || !findNodeAtLocation(root, [section])) return trustText;
  return applyJsonEdits(trustText, modify(trustText, [section], [], { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
}

// ---------- the checks of one file, shared by the fixture and the property tests ----------

/** The organisation ID a user types when the trust list has none (no fixture or generated policy uses it). */
export const TYPED_ORGANIZATION = 'o-typed0by0user';
/** The own account a user types when the trust list has none. */
export const TYPED_ACCOUNT = '909090909090';

/** Counts what was exercised, per syntax and fix, so a test can fail when a kind of fix was never applied. */
/**
 * The mark-own-account fix: the trust list gains the account in ownAccounts and nothing else changes in it;
 * re-analysed with it, the target finding goes, nothing appears, and only findings about that account go
 * (an own account may have any access).
 */
export function checkMarkOwnAccount(analyzer: Analyzer, baseline: Analysis, finding: Finding, fix: Fix, trustText: string | undefined): string[] {
  const problems: string[] = [];
  if (fix.edits) problems.push('mark-own-account has document edits');
  if (fix.needs?.kind !== 'own-account' || fix.needs.account !== finding.data.account) return [...problems, `mark-own-account needs ${JSON.stringify(fix.needs)}`];
  const account = fix.needs.account;
  const edited = addOwnAccount(trustText, account);
  const parsed = parseTrustList(edited, 'trust.json');
  if (parsed.problems.some((problem) => problem.severity === 'error')) problems.push(`the edited trust list has errors: ${parsed.problems.map((problem) => problem.message).join('; ')}`);
  if (!parsed.list.ownAccounts.has(account)) problems.push(`the trust list does not own ${account}`);
  const after = analyzer.analyze(baseline.text, parsed.list);
  const keys = (findings: readonly Finding[]): string[] => findings.map((candidate) => findingKey(baseline.text, candidate));
  const appeared = multisetMinus(keys(after.findings), keys(baseline.findings));
  if (appeared.length > 0) problems.push(`owning ${account} made findings appear: ${appeared.join(', ')}`);
  const vanished = multisetMinus(keys(baseline.findings), keys(after.findings));
  if (!vanished.includes(findingKey(baseline.text, finding))) problems.push(`owning ${account} did not clear the targeted finding`);
  return problems;
}

export type Tally = (key: string) => void;

/**
 * Every fix of every finding of the file, applied and checked: at most one preferred fix per finding, no
 * fix offered twice; fixes with edits pass checkAppliedFix; trust-account passes checkTrustAccount; a fix
 * that asks for the organisation does so only when the trust list names none.
 */
export function checkEveryFix(analyzer: Analyzer, analysis: Analysis, trustText: string | undefined, tally: Tally = () => undefined): string[] {
  const problems: string[] = [];
  for (const finding of analysis.findings) {
    const label = `${coverKey(analysis.text, finding)} at ${finding.span.offset}`;
    const fixes = fixesFor(finding, analysis.source);
    const preferred = fixes.filter((fix) => fix.isPreferred);
    if (preferred.length > 1) problems.push(`${label} has ${preferred.length} preferred fixes`);
    const organizations = analyzer.trust ? [...analyzer.trust.organizationIds.keys()] : [];
    if (organizations.length > 1 && preferred.some((fix) => fix.id === 'add-organization-condition' || fix.id === 'not-principal-to-organization')) {
      problems.push(`${label}: with ${organizations.length} organisations on the trust list, an organisation fix is preferred`);
    }
    if ((analyzer.trust?.ownAccounts.size ?? 0) > 1 && preferred.some((fix) => fix.id === 'add-source-account-condition')) {
      problems.push(`${label}: with ${analyzer.trust!.ownAccounts.size} own accounts on the trust list, an account fix is preferred`);
    }
    const titles = fixes.map((fix) => fix.title);
    if (new Set(titles).size !== titles.length) problems.push(`${label} offers ${titles.join(', ')}`);
    for (const fix of fixes) {
      const where = `${fix.id} (${fix.title}) for ${label}`;
      if (fix.rule !== finding.rule) problems.push(`${where}: rule ${fix.rule}`);
      if (fix.edits) {
        if (fix.needs) problems.push(`${where}: has edits and needs ${fix.needs.kind}`);
        const organizationId = /\((o-[a-z0-9]+)\)$/.exec(fix.title)?.[1];
        problems.push(...checkAppliedFix(analyzer, analysis, finding, fix, { organizationId }).problems.map((problem) => `${where}: ${problem}`));
        tally(`${analyzer.syntax} ${fix.id}`);
      } else if (fix.needs?.kind === 'account-name') {
        problems.push(...checkTrustAccount(analyzer, analysis, finding, fix, trustText).map((problem) => `${where}: ${problem}`));
        tally(`${analyzer.syntax} ${fix.id}`);
      } else if (fix.needs?.kind === 'own-account') {
        problems.push(...checkMarkOwnAccount(analyzer, analysis, finding, fix, trustText).map((problem) => `${where}: ${problem}`));
        tally(`${analyzer.syntax} ${fix.id}`);
      } else if (fix.needs?.kind === 'organization-id') {
        if (organizations.length > 0) problems.push(`${where}: asks for an organisation though the trust list names one`);
      } else if (fix.needs?.kind === 'account-id') {
        if ((analyzer.trust?.ownAccounts.size ?? 0) > 0) problems.push(`${where}: asks for an account though the trust list names an own one`);
      } else {
        problems.push(`${where}: neither edits nor a question`);
      }
    }
  }
  return problems;
}

/** A fix that asks before it edits: the fixes that ask, where the answer is saved, and what the user types. */
interface Question {
  rule: Finding['rule'];
  ids: readonly Fix['id'][];
  kind: NonNullable<Fix['needs']>['kind'];
  section: 'organizationIds' | 'ownAccounts';
  typed: string;
  save: (text: string | undefined, value: string) => string;
  answers: FixAnswers;
  given: { organizationId?: string; account?: string };
  tally: string;
}

const ORGANIZATION_QUESTION: Question = {
  rule: 'wildcard-principal', ids: ['add-organization-condition', 'not-principal-to-organization'], kind: 'organization-id', section: 'organizationIds', typed: TYPED_ORGANIZATION,
  save: addOrganization, answers: { organizationId: TYPED_ORGANIZATION }, given: { organizationId: TYPED_ORGANIZATION }, tally: 'organization-id asked',
};

const ACCOUNT_QUESTION: Question = {
  rule: 'unscoped-service-principal', ids: ['add-source-account-condition'], kind: 'account-id', section: 'ownAccounts', typed: TYPED_ACCOUNT,
  save: addOwnAccount, answers: { account: TYPED_ACCOUNT }, given: { account: TYPED_ACCOUNT }, tally: 'account-id asked',
};

/**
 * The trust list names no organisation: the organisation fix asks (no edits, preferred); answered, it
 * edits the statement, and with the ID saved into the trust list (as the server command does) the file
 * passes the same checks, against the original text analysed with that trust list.
 */
export function checkOrganizationInput(analyzer: Analyzer, text: string, trustText: string | undefined, tally: Tally = () => undefined): string[] {
  return checkQuestion(ORGANIZATION_QUESTION, analyzer, text, trustText, tally);
}

/** The same for the source-account fix when the trust list names no own account. */
export function checkAccountInput(analyzer: Analyzer, text: string, trustText: string | undefined, tally: Tally = () => undefined): string[] {
  return checkQuestion(ACCOUNT_QUESTION, analyzer, text, trustText, tally);
}

function checkQuestion(question: Question, analyzer: Analyzer, text: string, trustText: string | undefined, tally: Tally): string[] {
  const problems: string[] = [];
  const { section, typed } = question;
  const emptied = trustText === undefined ? undefined : withEmpty(trustText, section);
  const unanswered = emptied === undefined ? undefined : parseTrustList(emptied, 'trust.json').list;
  const named = (list: TrustList): ReadonlyMap<string, unknown> => section === 'ownAccounts' ? list.ownAccounts : list.organizationIds;
  if (unanswered && named(unanswered).size > 0) return [`the trust list still names entries after emptying ${section}`];
  const asked = analyzer.analyze(text, unanswered);
  const savedText = question.save(emptied, typed);
  const saved = parseTrustList(savedText, 'trust.json');
  if (saved.problems.length > 0 || !named(saved.list).has(typed)) return [`saving did not put ${typed} into ${section}: ${savedText}`];
  if (emptied !== undefined && JSON.stringify({ ...parseLoose(emptied), [section]: [typed] }) !== JSON.stringify(parseLoose(savedText))) {
    problems.push(`saving ${typed} changed more of the trust list than ${section}`);
  }
  let baseline: Analysis | undefined;
  for (const finding of asked.findings.filter((candidate) => candidate.rule === question.rule)) {
    const asking = fixesFor(finding, asked.source).filter((fix) => question.ids.includes(fix.id));
    const label = coverKey(text, finding);
    if (asking.length === 0) continue;
    const [first] = asking;
    if (asking.length !== 1 || first.needs?.kind !== question.kind || first.edits || !first.isPreferred) {
      problems.push(`${label}: expected one preferred ${first.id} that asks (${question.kind}), got ${JSON.stringify(asking)}`);
      continue;
    }
    const answered = fixesFor(finding, asked.source, question.answers).filter((fix) => fix.id === first.id);
    if (answered.length !== 1 || !answered[0].edits || answered[0].needs || !answered[0].isPreferred) {
      problems.push(`${label}: answered, expected one preferred ${first.id} with edits, got ${JSON.stringify(answered)}`);
      continue;
    }
    baseline ??= analyzer.analyze(text, saved.list);
    const target = baseline.findings.find((candidate) => candidate.rule === finding.rule && candidate.span.offset === finding.span.offset);
    if (!target) {
      problems.push(`${label}: gone once the trust list names ${typed}, before any fix`);
      continue;
    }
    const { problems: found } = checkAppliedFix(analyzer, baseline, target, answered[0], { trust: saved.list, ...question.given });
    problems.push(...found.map((problem) => `${label} ${first.id} (${typed}): ${problem}`));
    tally(`${analyzer.syntax} ${question.tally}`);
  }
  return problems;
}

/**
 * source.fixAll: the result parses where the input did, holds no (rule, covered text) finding the file did
 * not have, and has fewer findings; no finding is left whose preferred fix needs no input and would clear it.
 */
export function checkFixAll(analyzer: Analyzer, analysis: Analysis, tally: Tally = () => undefined): string[] {
  const result = fixAll(analysis.text, (text) => {
    const next = analyzer.analyze(text);
    return { source: next.source, findings: next.findings };
  });
  if (result === analysis.text) {
    const missed = analysis.findings.filter((finding) => fixesFor(finding, analysis.source).some((fix) => fix.isPreferred && fix.edits && !fix.needs));
    return missed.length > 0 ? [`changed nothing though ${missed.map((finding) => coverKey(analysis.text, finding)).join(', ')} have preferred fixes`] : [];
  }
  tally(`${analyzer.syntax} fix all`);
  const after = analyzer.analyze(result);
  const problems = syntaxProblems(analysis.syntax, after.syntax);
  const appeared = multisetMinus(after.findings.map((finding) => coverKey(result, finding)), analysis.findings.map((finding) => coverKey(analysis.text, finding)));
  if (appeared.length > 0) problems.push(`new findings: ${appeared.join(', ')}`);
  if (after.findings.length >= analysis.findings.length) problems.push(`changed the text but cleared nothing (${analysis.findings.length} -> ${after.findings.length})`);
  for (const finding of after.findings) {
    const fix = fixesFor(finding, after.source).find((candidate) => candidate.isPreferred && candidate.edits && !candidate.needs);
    if (!fix?.edits) continue;
    const cleared = analyzer.analyze(applyEdits(result, fix.edits)).findings.every((candidate) => coverKey(applyEdits(result, fix.edits!), candidate) !== coverKey(result, finding) || candidate.span.offset !== finding.span.offset);
    if (cleared) problems.push(`left ${coverKey(result, finding)}, which its preferred fix ${fix.id} clears`);
  }
  return problems;
}
