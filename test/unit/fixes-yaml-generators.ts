import { COMMENT_WORDS, Json, JsonObject, PolicyModel, policyJson, Random, randomJsonStyle, writeJson } from './fixes-generators';

/**
 * The property test's random policies written into CloudFormation templates: as YAML mappings (block and
 * flow style, 2 or 4 spaces, sequences indented under their key or not, any quoting, comments, CRLF, short
 * form intrinsics around and inside the policy), as JSON in a YAML `|` block, and nested in a JSON template.
 */

type Quote = 'plain' | 'single' | 'double';

export interface YamlStyle {
  unit: number;
  sequenceIndent: number;
  eol: string;
  quote: Quote;
  keyQuote: 'plain' | 'double';
  /** Probability that a list or small mapping is written in flow style. */
  flow: number;
  /** Probability that a statement is one flow mapping. */
  flowStatement: number;
  spaced: boolean;
  comments: boolean;
}

export function randomYamlStyle(random: Random): YamlStyle {
  const unit = random.pick([2, 4]);
  return {
    unit,
    sequenceIndent: random.chance(0.6) ? unit : 0,
    eol: random.chance(0.25) ? '\r\n' : '\n',
    quote: random.pick(['plain', 'plain', 'single', 'double'] as const),
    keyQuote: random.chance(0.1) ? 'double' : 'plain',
    flow: random.pick([0, 0.3, 0.7]),
    flowStatement: random.pick([0, 0, 0.3]),
    spaced: random.chance(0.3),
    comments: random.chance(0.6),
  };
}

function quoted(value: string, quote: Quote): string {
  if (quote === 'double') return JSON.stringify(value);
  if (quote === 'plain' && /^[A-Za-z][A-Za-z0-9:_./*?-]*$/.test(value) && !/^(?:y|n|yes|no|on|off|true|false|null)$/i.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

class YamlWriter {
  constructor(private readonly style: YamlStyle, private readonly random: Random) {}

  private pad(column: number): string {
    return ' '.repeat(column);
  }

  scalar(value: string): string {
    return quoted(value, this.random.chance(0.15) ? this.random.pick(['plain', 'single', 'double'] as const) : this.style.quote);
  }

  key(name: string): string {
    return quoted(name, this.style.keyQuote);
  }

  private comment(): string {
    return `# ${this.random.pick(COMMENT_WORDS)}`;
  }

  private trailing(): string {
    return this.style.comments && this.random.chance(0.1) ? `  ${this.comment()}` : '';
  }

  flow(value: Json): string {
    const space = this.style.spaced ? ' ' : '';
    if (typeof value === 'string') return this.scalar(value);
    if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${space}${value.map((item) => this.flow(item)).join(', ')}${space}]`;
    const entries = value instanceof JsonObject ? value.entries : Object.entries(value);
    return entries.length === 0 ? '{}' : `{${space}${entries.map(([key, child]) => `${this.key(key)}: ${this.flow(child)}`).join(', ')}${space}}`;
  }

  /** What follows `key:` for a value whose key stands at `column`. */
  afterKey(value: Json, column: number): string {
    const { eol, unit, sequenceIndent } = this.style;
    if (typeof value === 'string') return ` ${this.scalar(value)}${this.trailing()}`;
    const simple = (Array.isArray(value) ? value : value instanceof JsonObject ? value.entries.map(([, child]) => child) : Object.values(value))
      .every((child) => typeof child === 'string' || (Array.isArray(child) && child.every((inner) => typeof inner === 'string')));
    if (simple && this.random.chance(this.style.flow)) return ` ${this.flow(value)}${this.trailing()}`;
    if (Array.isArray(value) && value.length === 0) return ' []';
    if (Array.isArray(value)) {
      const at = column + sequenceIndent;
      return value.map((item) => `${eol}${this.commentLine(at)}${this.pad(at)}- ${typeof item === 'string' ? `${this.scalar(item)}${this.trailing()}` : this.mappingAt(item, at + 2)}`).join('');
    }
    return `${eol}${this.pad(column + unit)}${this.mappingAt(value, column + unit)}`;
  }

  private commentLine(column: number): string {
    return this.style.comments && this.random.chance(0.1) ? `${this.pad(column)}${this.comment()}${this.style.eol}` : '';
  }

  /** A mapping whose first key is already at `column` (after `- ` or an indent); a statement may be one flow mapping. */
  mappingAt(value: Json, column: number): string {
    if (typeof value === 'string' || Array.isArray(value)) return this.flow(value);
    if (value instanceof JsonObject && value.entries.some(([key]) => key === 'Effect' || key === 'Action' || key === 'NotAction') && this.random.chance(this.style.flowStatement)) return `${this.flow(value)}${this.trailing()}`;
    const entries = value instanceof JsonObject ? value.entries : Object.entries(value);
    return entries.map(([key, child], index) => `${index === 0 ? '' : `${this.style.eol}${this.commentLine(column)}${this.pad(column)}`}${this.key(key)}:${this.afterKey(child, column)}`).join('');
  }
}

/** A template with a repository whose `RepositoryPolicyText` is the policy, among other resources and intrinsics. */
function template(style: YamlStyle, random: Random, policyText: (column: number) => string): string {
  const { unit, sequenceIndent, eol } = style;
  const pad = (level: number): string => ' '.repeat(unit * level);
  const properties = [
    `${pad(3)}RepositoryName: !Ref RepoName`,
    `${pad(3)}RepositoryPolicyText:${policyText(unit * 3)}`,
    `${pad(3)}Tags:${eol}${' '.repeat(unit * 3 + sequenceIndent)}- Key: team${eol}${' '.repeat(unit * 3 + sequenceIndent + 2)}Value: !Sub '\${AWS::StackName}-ecr'`,
  ];
  const lines = [
    ...(style.comments ? ['# ECR repository with its policy'] : []),
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    `${pad(1)}RepoName:`,
    `${pad(2)}Type: String`,
    `${pad(2)}Default: app`,
    'Resources:',
    `${pad(1)}Repo:`,
    `${pad(2)}Type: AWS::ECR::Repository`,
    `${pad(2)}Properties:`,
    ...(random.chance(0.5) ? properties : [...properties].reverse()),
    'Outputs:',
    `${pad(1)}Arn:`,
    `${pad(2)}Value: !GetAtt Repo.Arn`,
    '',
  ];
  return lines.join(eol);
}

/** The policy as a YAML mapping; a statement's principal list may carry a `!Sub` intrinsic the fixes must keep. */
export function yamlTemplate(policy: PolicyModel, random: Random): { text: string; style: YamlStyle } {
  const style = randomYamlStyle(random);
  const writer = new YamlWriter(style, random);
  const json = policyJson(policy, random);
  const text = template(style, random, (column) => writer.afterKey(json, column).replace(/ +$/, ''));
  if (!random.chance(0.15)) return { text, style };
  // An intrinsic principal next to literal ones: `- !Sub 'arn:...'` or `, !Sub '...'`.
  const sub = "!Sub 'arn:aws:iam::${AWS::AccountId}:root'";
  const withIntrinsic = text.replace(/(AWS:(?:\r?\n)( *)- )/, `$1${sub}${style.eol}$2- `).replace(/AWS: \[( ?)/, `AWS: [$1${sub}, `);
  return { text: withIntrinsic, style };
}

/** The policy as JSON in a `|` block scalar, every line carrying the block's indentation. */
export function yamlJsonTemplate(policy: PolicyModel, random: Random): { text: string; style: YamlStyle } {
  const style = randomYamlStyle(random);
  const jsonStyle = { ...randomJsonStyle(random, { jsonc: false, heredoc: true }), eol: style.eol };
  const text = template(style, random, (column) => {
    const base = ' '.repeat(column + style.unit);
    return ` ${random.pick(['|', '|-'])}${style.eol}${base}${writeJson(policyJson(policy, random), { ...jsonStyle, base }, random)}`;
  });
  return { text, style };
}

/** The policy nested in a JSON template (no comments: CloudFormation reads strict JSON). */
export function jsonTemplate(policy: PolicyModel, random: Random): { text: string } {
  const style = randomJsonStyle(random, { jsonc: false });
  const root: Json = new JsonObject([
    ['AWSTemplateFormatVersion', '2010-09-09'],
    ['Resources', new JsonObject([['Repo', new JsonObject([
      ['Type', 'AWS::ECR::Repository'],
      ['Properties', new JsonObject([['RepositoryName', { Ref: 'RepoName' }], ['RepositoryPolicyText', policyJson(policy, random)]])],
    ])]])],
  ]);
  return { text: writeJson(root, style, random) + style.eol };
}
