/**
 * Random ECR policies for the fix property test: one abstract policy, written in each syntax the fixes
 * edit (JSON/JSONC files, Terraform policy documents, jsonencode objects, heredoc JSON) with random layout
 * and comments. Deterministic for a seed (mulberry32), so a failure is reproduced from its seed alone.
 */

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Between `min` and `max` distinct items, in random order. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const count = Math.min(pool.length, min + this.int(max - min + 1));
    const chosen: T[] = [];
    for (let i = 0; i < count; i++) chosen.push(pool.splice(this.int(pool.length), 1)[0]);
    return chosen;
  }
}

// ---------- the abstract policy ----------

export const OWN = '111122223333';
export const STAGING = '222233334444';
export const CI_PUSH = '333344445555';
export const VENDOR = '444455556666';
export const STRANGER = '555566667777';
export const ORGANIZATION = 'o-a1b2c3d4e5';

export interface PrincipalEntry {
  type: 'AWS' | 'Service';
  values: string[];
  /** One value written as a string rather than a one-element list (JSON and jsonencode). */
  single: boolean;
}

export interface ConditionModel {
  operator: string;
  key: string;
  values: string[];
  single: boolean;
}

export interface StatementModel {
  sid?: string;
  effect?: 'Allow' | 'Deny';
  /** `"Principal": "*"` rather than a map. */
  star: boolean;
  notPrincipal: boolean;
  principals: PrincipalEntry[];
  notAction: boolean;
  actions: string[];
  singleAction: boolean;
  conditions: ConditionModel[];
  resource: boolean;
}

export interface PolicyModel {
  statements: StatementModel[];
  /** Statement written as one object rather than a list (JSON forms only). */
  singleObject: boolean;
}

const ACCOUNT_PRINCIPALS = [
  OWN, STAGING, CI_PUSH, VENDOR, STRANGER,
  `arn:aws:iam::${STAGING}:root`, `arn:aws:iam::${VENDOR}:root`, `arn:aws:iam::${VENDOR}:role/scanner`, `arn:aws:iam::${CI_PUSH}:role/ci`,
  `arn:aws:iam::${STRANGER}:user/deploy`, `arn:aws:iam::${OWN}:role/builder`,
];
const WILDCARD_PRINCIPALS = ['*', 'arn:aws:iam::*:root', 'arn:aws:iam::*:role/any'];
const SERVICES = ['codebuild.amazonaws.com', 'lambda.amazonaws.com'];
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const OTHER_ACTIONS = [
  'ecr:*', 'ecr:Put*', 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:DeleteRepository',
  'ecr:BatchDeleteImage', 'ecr:Batch*', 'ecr:Describe*', 'ecr:ListImages', 'ecr:SetRepositoryPolicy', 'ecr:TagResource', 'ecr:Get*', '*',
  'ecr:DescribeImages', 'ecr:GetAuthorizationToken',
];
const NOT_ACTIONS = ['ecr:DeleteRepository', 'ecr:Describe*', 'ecr:SetRepositoryPolicy', 'iam:*'];

/** Condition clauses: binding, weak (IfExists, ForAllValues:, Like with a wildcard, no values, a policy variable) and unrelated ones. */
function randomCondition(random: Random): ConditionModel {
  const kind = random.int(13);
  const single = random.chance(0.5);
  switch (kind) {
    case 0: return { operator: 'StringEquals', key: 'aws:PrincipalOrgID', values: [ORGANIZATION], single };
    case 1: return { operator: 'StringEqualsIfExists', key: 'aws:PrincipalOrgID', values: [ORGANIZATION], single };
    case 2: return { operator: 'ForAllValues:StringEquals', key: 'aws:PrincipalOrgID', values: [ORGANIZATION], single };
    case 3: return { operator: 'StringLike', key: 'aws:PrincipalOrgID', values: random.pick([['o-*'], ['o-a1b2*'], [ORGANIZATION, 'o-*']]), single: false };
    case 4: return { operator: 'StringEquals', key: random.pick(['aws:PrincipalAccount', 'aws:SourceAccount']), values: random.some([OWN, STAGING, VENDOR], 1, 2), single };
    case 5: return { operator: 'StringLike', key: 'aws:PrincipalAccount', values: ['*'], single: true };
    case 6: return { operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'], single };
    case 7: return { operator: 'StringNotEquals', key: 'aws:PrincipalOrgID', values: ['o-zzzzzzzzzz'], single };
    case 8: return { operator: 'StringEquals', key: 'aws:PrincipalAccount', values: ['${aws:PrincipalAccount}'], single };
    case 9: return { operator: 'StringEquals', key: random.pick(['aws:PrincipalOrgID', 'aws:principalorgid']), values: [], single: false };
    case 10: return { operator: 'ArnLike', key: 'aws:PrincipalArn', values: random.pick([['arn:aws:iam::*:role/ci'], [`arn:aws:iam::${OWN}:role/*`]]), single };
    case 11: return { operator: 'ForAnyValue:StringLike', key: 'aws:PrincipalOrgPaths', values: [`${ORGANIZATION}/r-ab12/*`], single };
    default: return { operator: 'Bool', key: 'aws:SecureTransport', values: ['true'], single: true };
  }
}

function randomStatement(random: Random, index: number): StatementModel {
  const star = random.chance(0.2);
  const notPrincipal = !star && random.chance(0.1);
  const principals: PrincipalEntry[] = [];
  if (!star) {
    const values = [...random.some(ACCOUNT_PRINCIPALS, 0, 3), ...(random.chance(0.35) ? [random.pick(WILDCARD_PRINCIPALS)] : [])];
    if (values.length === 0) values.push(random.pick([...ACCOUNT_PRINCIPALS, ...WILDCARD_PRINCIPALS]));
    principals.push({ type: 'AWS', values: random.some(values, values.length, values.length), single: values.length === 1 && random.chance(0.5) });
    if (random.chance(0.15)) {
      principals.push({ type: 'Service', values: [random.pick(SERVICES)], single: random.chance(0.5) });
      // A service alone: the statement unscoped-service-principal's fix binds.
      if (random.chance(0.5)) principals.shift();
    }
    if (random.chance(0.5)) principals.reverse();
  }
  const notAction = random.chance(0.12);
  const actions = notAction ? random.some(NOT_ACTIONS, 1, 2) : [...random.some(PULL, 0, 3), ...random.some(OTHER_ACTIONS, 0, 3)];
  if (actions.length === 0) actions.push(random.pick(OTHER_ACTIONS));
  const conditions: ConditionModel[] = [];
  for (let i = random.int(4) === 0 ? 2 : random.int(2); i > 0; i--) {
    const clause = randomCondition(random);
    // One clause per operator and key (JSON cannot hold two; the forms must say the same).
    if (!conditions.some((other) => other.operator === clause.operator && other.key.toLowerCase() === clause.key.toLowerCase())) conditions.push(clause);
  }
  return {
    sid: random.chance(0.6) ? random.pick(['Pull', 'Push', 'Vendor', 'Everyone', 'Ci', 'Partner']) + index : undefined,
    effect: random.chance(0.08) ? 'Deny' : random.chance(0.85) ? 'Allow' : undefined,
    star, notPrincipal, principals, notAction, actions, singleAction: actions.length === 1 && random.chance(0.5), conditions, resource: random.chance(0.2),
  };
}

export function randomPolicy(random: Random): PolicyModel {
  const count = 1 + random.int(4);
  const statements = Array.from({ length: count }, (_, index) => randomStatement(random, index));
  return { statements, singleObject: count === 1 && random.chance(0.2) };
}

// ---------- JSON and JSONC ----------

export interface JsonStyle {
  indent: string;
  eol: string;
  /** Probability that a list or small object is written on one line. */
  inline: number;
  minified: boolean;
  comments: boolean;
  trailingCommas: boolean;
  /** Extra indentation of every line after the first (a `<<-EOF` heredoc). */
  base: string;
}

export function randomJsonStyle(random: Random, options: { jsonc: boolean; heredoc?: boolean }): JsonStyle {
  const minified = !options.heredoc && random.chance(0.08);
  return {
    indent: random.pick(['  ', '    ', '\t']),
    eol: random.chance(0.25) ? '\r\n' : '\n',
    inline: random.pick([0, 0.3, 0.7, 1]),
    minified,
    comments: options.jsonc && !minified && random.chance(0.7),
    trailingCommas: options.jsonc && !minified && random.chance(0.5),
    base: '',
  };
}

export type Json = string | Json[] | { [key: string]: Json } | JsonObject;

/** An object with its entries in order (keys may be written in any order). */
export class JsonObject {
  constructor(readonly entries: [string, Json][]) {}
}

function statementJson(statement: StatementModel, random: Random): JsonObject {
  const entries: [string, Json][] = [];
  if (statement.sid) entries.push(['Sid', statement.sid]);
  if (statement.effect) entries.push(['Effect', statement.effect]);
  const principal: Json = statement.star ? '*' : new JsonObject(statement.principals.map((entry) => [entry.type, entry.single ? entry.values[0] : entry.values]));
  entries.push([statement.notPrincipal ? 'NotPrincipal' : 'Principal', principal]);
  entries.push([statement.notAction ? 'NotAction' : 'Action', statement.singleAction ? statement.actions[0] : statement.actions]);
  if (statement.resource) entries.push(['Resource', '*']);
  if (statement.conditions.length > 0) {
    const operators = new Map<string, [string, Json][]>();
    for (const clause of statement.conditions) {
      const keys = operators.get(clause.operator) ?? [];
      keys.push([clause.key, clause.single && clause.values.length === 1 ? clause.values[0] : clause.values]);
      operators.set(clause.operator, keys);
    }
    entries.push(['Condition', new JsonObject([...operators].map(([operator, keys]) => [operator, new JsonObject(keys)]))]);
  }
  // Sid and Effect usually lead; the rest in any order.
  const [head, tail] = [entries.filter(([key]) => key === 'Sid' || key === 'Effect'), entries.filter(([key]) => key !== 'Sid' && key !== 'Effect')];
  return new JsonObject(random.chance(0.7) ? [...head, ...tail] : random.some(entries, entries.length, entries.length));
}

export function policyJson(policy: PolicyModel, random: Random): JsonObject {
  const statements = policy.statements.map((statement) => statementJson(statement, random));
  return new JsonObject([['Version', '2012-10-17'], ['Statement', policy.singleObject ? statements[0] : statements]]);
}

export const COMMENT_WORDS = ['pull for staging', 'TODO tighten', 'ci pushes here', 'reviewed 2025', 'see ticket SEC-12', 'vendor scanner'];

/** Writes JSON in the style: indentation, line ends, inline lists, comments, trailing commas. */
export function writeJson(value: Json, style: JsonStyle, random: Random, level = 0): string {
  const pad = (depth: number): string => style.base + style.indent.repeat(depth);
  if (typeof value === 'string') return JSON.stringify(value);
  const isArray = Array.isArray(value);
  const entries: [string | undefined, Json][] = isArray ? (value as Json[]).map((item) => [undefined, item]) : value instanceof JsonObject ? value.entries : Object.entries(value);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  const item = ([key, child]: [string | undefined, Json], depth: number): string => (key === undefined ? '' : `${JSON.stringify(key)}:${style.minified ? '' : ' '}`) + writeJson(child, style, random, depth);
  if (style.minified) return `${open}${entries.map((entry) => item(entry, level)).join(',')}${close}`;
  if (entries.length === 0) return `${open}${close}`;
  const simple = entries.every(([, child]) => typeof child === 'string' || (Array.isArray(child) && child.every((inner) => typeof inner === 'string')));
  const inline = simple && level >= 2 && random.chance(style.inline);
  if (inline) {
    const spaced = !isArray && random.chance(0.7);
    const body = entries.map((entry) => item(entry, level)).join(', ');
    return spaced ? `${open} ${body} ${close}` : `${open}${body}${close}`;
  }
  const lines: string[] = [];
  entries.forEach((entry, index) => {
    const last = index === entries.length - 1;
    if (style.comments && random.chance(0.12)) lines.push(`${pad(level + 1)}// ${random.pick(COMMENT_WORDS)}`);
    const prefix = style.comments && random.chance(0.05) ? `/* ${random.pick(COMMENT_WORDS)} */ ` : '';
    const comma = !last || (style.trailingCommas && random.chance(0.6)) ? ',' : '';
    const trailing = style.comments && random.chance(0.1) ? ` // ${random.pick(COMMENT_WORDS)}` : '';
    lines.push(`${pad(level + 1)}${prefix}${item(entry, level + 1)}${comma}${trailing}`);
  });
  return `${open}${style.eol}${lines.join(style.eol)}${style.eol}${pad(level)}${close}`;
}

export function jsonFile(policy: PolicyModel, random: Random, jsonc: boolean): { text: string; name: string; style: JsonStyle } {
  const style = randomJsonStyle(random, { jsonc });
  const header = style.comments && random.chance(0.5) ? `// ECR repository policy${style.eol}` : '';
  const text = header + writeJson(policyJson(policy, random), style, random) + (random.chance(0.8) ? style.eol : '');
  return { text, name: jsonc ? 'policy.jsonc' : 'policy.json', style };
}

// ---------- Terraform ----------

export interface HclStyle {
  indent: string;
  eol: string;
  inline: number;
  align: boolean;
  comments: boolean;
  trailingCommas: boolean;
  /** jsonencode: keys written in quotes even where a bare name would do. */
  quoteKeys: boolean;
  /** jsonencode: elements of an object separated by commas (else by new lines alone). */
  commas: boolean;
}

export function randomHclStyle(random: Random): HclStyle {
  return {
    indent: random.pick(['  ', '    ']),
    eol: random.chance(0.2) ? '\r\n' : '\n',
    inline: random.pick([0, 0.4, 1]),
    align: random.chance(0.6),
    comments: random.chance(0.6),
    trailingCommas: random.chance(0.5),
    quoteKeys: random.chance(0.3),
    commas: random.chance(0.4),
  };
}

/** An HCL string literal: JSON escapes, with `${` and `%{` doubled so they stay literal. */
export function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
}

function hclComment(random: Random): string {
  return random.pick(['# ', '// ']) + random.pick(COMMENT_WORDS);
}

function hclList(values: readonly string[], style: HclStyle, random: Random, depth: number): string {
  const pad = (level: number): string => style.indent.repeat(level);
  if (values.length <= 1 || random.chance(style.inline)) return `[${values.map(hclString).join(', ')}]`;
  const lines = values.map((value, index) => `${pad(depth + 1)}${hclString(value)}${index < values.length - 1 || style.trailingCommas ? ',' : ''}`);
  return `[${style.eol}${lines.join(style.eol)}${style.eol}${pad(depth)}]`;
}

/** Attribute lines `name = value`, aligned on `=` when the style aligns. */
function attributes(pairs: readonly [string, string][], style: HclStyle, depth: number): string[] {
  const width = style.align ? Math.max(...pairs.map(([name]) => name.length)) : 0;
  return pairs.map(([name, value]) => `${style.indent.repeat(depth)}${name.padEnd(width)} = ${value}`);
}

function documentStatement(statement: StatementModel, style: HclStyle, random: Random, depth: number): string {
  const pad = (level: number): string => style.indent.repeat(level);
  const lines: string[] = [`${pad(depth)}statement {`];
  const head: [string, string][] = [];
  if (statement.sid) head.push(['sid', hclString(statement.sid)]);
  if (statement.effect) head.push(['effect', hclString(statement.effect)]);
  const parts: string[][] = [];
  if (head.length > 0) parts.push(attributes(head, style, depth + 1));
  const principalBlock = statement.notPrincipal ? 'not_principals' : 'principals';
  const principals = statement.star ? [{ type: '*', values: ['*'] }] : statement.principals;
  for (const entry of principals) {
    parts.push([`${pad(depth + 1)}${principalBlock} {`, ...attributes([['type', hclString(entry.type)], ['identifiers', hclList(entry.values, style, random, depth + 2)]], style, depth + 2), `${pad(depth + 1)}}`]);
  }
  parts.push(attributes([[statement.notAction ? 'not_actions' : 'actions', hclList(statement.actions, style, random, depth + 1)]], style, depth + 1));
  if (statement.resource) parts.push(attributes([['resources', '["*"]']], style, depth + 1));
  for (const clause of statement.conditions) {
    parts.push([`${pad(depth + 1)}condition {`, ...attributes([['test', hclString(clause.operator)], ['variable', hclString(clause.key)], ['values', hclList(clause.values, style, random, depth + 2)]], style, depth + 2), `${pad(depth + 1)}}`]);
  }
  const order = random.chance(0.7) ? parts : random.some(parts, parts.length, parts.length);
  for (const part of order) {
    if (style.comments && random.chance(0.15)) lines.push(`${pad(depth + 1)}${hclComment(random)}`);
    const copy = [...part];
    if (style.comments && random.chance(0.08)) copy[copy.length - 1] += ` ${hclComment(random)}`;
    lines.push(...copy);
  }
  lines.push(`${pad(depth)}}`);
  return lines.join(style.eol);
}

/** `data "aws_iam_policy_document"` used by an `aws_ecr_repository_policy`. */
export function documentFile(policy: PolicyModel, random: Random): { text: string; style: HclStyle } {
  const style = randomHclStyle(random);
  const statements = policy.statements.map((statement) => documentStatement(statement, style, random, 1));
  const blank = random.chance(0.5) ? style.eol : '';
  const lines = [
    ...(style.comments && random.chance(0.5) ? [hclComment(random)] : []),
    'data "aws_iam_policy_document" "ecr" {',
    ...(random.chance(0.3) ? attributes([['version', '"2012-10-17"']], style, 1) : []),
    statements.join(style.eol + blank),
    '}',
    '',
    'resource "aws_ecr_repository_policy" "app" {',
    ...attributes([['repository', 'aws_ecr_repository.app.name'], ['policy', 'data.aws_iam_policy_document.ecr.json']], style, 1),
    '}',
    '',
  ];
  return { text: lines.join(style.eol), style };
}

const BARE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function objectKey(key: string, style: HclStyle): string {
  return BARE_KEY.test(key) && !style.quoteKeys ? key : JSON.stringify(key);
}

/** A value in HCL object syntax (jsonencode's argument). */
function hclValue(value: Json, style: HclStyle, random: Random, depth: number): string {
  const pad = (level: number): string => style.indent.repeat(level);
  if (typeof value === 'string') return hclString(value);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return hclList(value as string[], style, random, depth);
    const items = value.map((item, index) => `${pad(depth + 1)}${hclValue(item, style, random, depth + 1)}${index < value.length - 1 || style.trailingCommas ? ',' : ''}`);
    return `[${style.eol}${items.join(style.eol)}${style.eol}${pad(depth)}]`;
  }
  const entries = value instanceof JsonObject ? value.entries : Object.entries(value);
  if (entries.length === 0) return '{}';
  const simple = entries.every(([, child]) => typeof child === 'string' || (Array.isArray(child) && child.every((inner) => typeof inner === 'string') && child.length <= 1));
  if (simple && depth >= 3 && random.chance(style.inline)) {
    return `{ ${entries.map(([key, child]) => `${objectKey(key, style)} = ${hclValue(child, style, random, depth)}`).join(', ')} }`;
  }
  const width = style.align ? Math.max(...entries.map(([key]) => objectKey(key, style).length)) : 0;
  const lines: string[] = [];
  entries.forEach(([key, child], index) => {
    if (style.comments && random.chance(0.1)) lines.push(`${pad(depth + 1)}${hclComment(random)}`);
    const comma = style.commas && (index < entries.length - 1 || style.trailingCommas) ? ',' : '';
    lines.push(`${pad(depth + 1)}${objectKey(key, style).padEnd(width)} = ${hclValue(child, style, random, depth + 1)}${comma}`);
  });
  return `{${style.eol}${lines.join(style.eol)}${style.eol}${pad(depth)}}`;
}

/** `policy = jsonencode({...})` on an `aws_ecr_repository_policy`. */
export function jsonencodeFile(policy: PolicyModel, random: Random): { text: string; style: HclStyle } {
  const style = randomHclStyle(random);
  const body = hclValue(policyJson(policy, random), style, random, 1);
  const lines = [
    ...(style.comments && random.chance(0.5) ? [hclComment(random)] : []),
    'resource "aws_ecr_repository_policy" "app" {',
    ...attributes([['repository', 'aws_ecr_repository.app.name']], style, 1),
    `${style.indent}policy${style.align ? '    ' : ''} = jsonencode(${body})`,
    '}',
    '',
  ];
  return { text: lines.join(style.eol), style };
}

/** `policy = <<EOF` (or an indented `<<-EOF`) holding JSON with random layout. */
export function heredocFile(policy: PolicyModel, random: Random): { text: string; style: JsonStyle } {
  const style = randomJsonStyle(random, { jsonc: false, heredoc: true });
  const indented = random.chance(0.5);
  const marker = random.pick(['EOF', 'POLICY', 'JSON']);
  const indent = style.indent === '\t' ? '  ' : style.indent;
  const base = indented ? indent.repeat(2) : '';
  const json = writeJson(policyJson(policy, random), { ...style, base }, random).replace(/\$\{/g, '$$$${').replace(/%\{/g, '%%{');
  const lines = [
    'resource "aws_ecr_repository_policy" "app" {',
    `${indent}repository = aws_ecr_repository.app.name`,
    `${indent}policy     = <<${indented ? '-' : ''}${marker}`,
    `${base}${json}`,
    `${indented ? indent : ''}${marker}`,
    '}',
    '',
  ];
  return { text: lines.join(style.eol), style };
}
