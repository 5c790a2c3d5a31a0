// CloudFormation for the fuzzer: templates generated from the seed statements, the mutations that suit
// YAML (the damage of typing in a format where indentation is syntax, and what YAML allows that JSON does
// not: tags, anchors and aliases, block scalars, several documents), and known hostile templates that
// run before the mutants of every round.

/**
 * Whether the server takes a YAML file for a template (server/src/core/cloudformation/recognize.ts, which
 * this mirrors): it publishes diagnostics only for those.
 */
export function claimsCloudFormation(text) {
  if (text.includes('AWSTemplateFormatVersion') || text.includes('AWS::Serverless-2016-10-31')) return true;
  return text.includes('Resources') && /\bType["']?[ \t]*:[ \t]*["']?AWS::/.test(text);
}

/** Whether the text is a JSON template (CloudFormation reads it as JSON when it starts with `{`). */
export function isJsonTemplate(text) {
  return /^\s*\{/.test(text);
}

export const YAML_PUNCTUATION = [':', ': ', '- ', '-', '{', '}', '[', ']', ',', "'", '"', '#', '|', '>', '|-', '&a ', '*a', '!', '!Ref ', '!If ', '? ', '<<: ', '---\n', '...\n', '%YAML 1.2\n', '\t', '\n', '  ', '@', '`'];

const TAGS = ['!Ref', '!Sub', '!GetAtt', '!Join', '!If', '!Select', '!Split', '!FindInMap', '!ImportValue', '!Base64', '!Nope', '!!str', '!!map', '!!binary', '!<tag:yaml.org,2002:str>'];

function splice(text, start, end, insert) {
  return text.slice(0, start) + insert + text.slice(end);
}

/** The start offsets of the text's lines. */
function lineStarts(text) {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0 && starts.length < 100_000; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** Offsets just past `: ` or `- `, where a value starts. */
function valueStarts(text) {
  const found = [];
  for (const match of text.matchAll(/(?::|-) (?=\S)/g)) {
    found.push(match.index + match[0].length);
    if (found.length >= 500) break;
  }
  return found;
}

/** Billion laughs: nine levels of nine aliases each, the last anchor's value standing for 9^9 items. */
function aliasBomb(levels) {
  const lines = ['Lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`Lol${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  return { lines, alias: `*l${levels - 1}` };
}

/** `key:` nested `depth` deep in block style, one more indent a level (or `- ` sequences). */
function deepBlock(depth, column, sequences) {
  if (sequences) return `${' '.repeat(column)}${'- '.repeat(depth)}x\n`;
  let text = '';
  for (let i = 0; i < depth; i++) text += `${' '.repeat(column + i)}Statement:\n`;
  return `${text}${' '.repeat(column + depth)}Effect: Allow\n`;
}

export const YAML_OPERATORS = {
  indent(text, random) {
    const starts = lineStarts(text);
    const first = random.int(starts.length);
    let result = text;
    for (let line = Math.min(starts.length - 1, first + random.between(0, 3)); line >= first; line--) {
      const at = starts[line];
      const spaces = /^ */.exec(result.slice(at, at + 200))[0].length;
      result = random.chance(0.5) ? splice(result, at, at, ' '.repeat(random.between(1, 4))) : splice(result, at, at + Math.min(spaces, random.between(1, 4)), '');
    }
    return result;
  },
  tabs(text, random) {
    if (random.chance(0.3)) return text.replace(/^( {2})+/gm, (indent) => '\t'.repeat(indent.length / 2));
    const at = random.pick(lineStarts(text));
    return splice(text, at, at, '\t'.repeat(random.between(1, 3)));
  },
  tag(text, random) {
    const tags = [...text.matchAll(/!!?[A-Za-z<][\w:.,<>/-]*/g)].slice(0, 500);
    if (tags.length > 0 && random.chance(0.6)) {
      const found = random.pick(tags);
      return splice(text, found.index, found.index + found[0].length, random.chance(0.7) ? '' : random.pick(TAGS));
    }
    const starts = valueStarts(text);
    if (starts.length === 0) return text;
    const at = random.pick(starts);
    return splice(text, at, at, `${random.pick(TAGS)}${random.chance(0.8) ? ' ' : ''}`);
  },
  unclosed(text, random) {
    const closers = [...text.matchAll(/[\]}]/g)].slice(0, 500);
    if (closers.length > 0 && random.chance(0.4)) {
      const found = random.pick(closers);
      return splice(text, found.index, found.index + 1, '');
    }
    const starts = valueStarts(text);
    const at = starts.length > 0 ? random.pick(starts) : random.int(text.length + 1);
    return splice(text, at, at, random.pick(['[', '{', '[ecr:BatchGetImage, ', '{AWS: ', '"', "'", '[{Effect: Allow, ']));
  },
  anchors(text, random) {
    const starts = valueStarts(text);
    if (starts.length === 0) return text;
    if (random.chance(0.5)) {
      // An anchor on one value, an alias (or a merge key) elsewhere; sometimes an alias with no anchor.
      const anchored = random.pick(starts);
      const aliased = random.pick(starts);
      const [first, second] = anchored < aliased ? [[anchored, '&x '], [aliased, '*x ']] : [[aliased, '*x '], [anchored, '&x ']];
      return splice(splice(text, second[0], second[0], second[1]), first[0], first[0], first[1]);
    }
    const { lines, alias } = aliasBomb(random.between(3, 9));
    const at = random.pick(starts);
    const withAlias = splice(text, at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at), alias);
    return `${lines.join('\n')}\n${withAlias}`;
  },
  deepNesting(text, random) {
    const starts = lineStarts(text);
    const at = random.pick(starts);
    const column = /^ */.exec(text.slice(at, at + 200))[0].length;
    // Block mappings grow by the square of their depth (one more indent a level): 1,000 deep is 500 KB.
    const sequences = random.chance(0.3);
    const depth = random.chance(0.7) ? random.between(10, 300) : sequences ? random.between(1000, 20_000) : random.between(500, 1000);
    return splice(text, at, at, deepBlock(depth, column, sequences));
  },
  hugeScalar(text, random) {
    const starts = valueStarts(text);
    const at = starts.length > 0 ? random.pick(starts) : text.length;
    const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
    const size = random.between(1, 3) * 100_000;
    const column = at - text.lastIndexOf('\n', at - 1) - 1;
    const kinds = [
      () => `ecr:${'a*'.repeat(size / 2)}`,
      () => `'${'x'.repeat(size)}'`,
      () => `"${'\\u0041'.repeat(size / 6)}"`,
      () => `|\n${`${' '.repeat(column + 2)}${'y'.repeat(60)}\n`.repeat(size / 64)}`,
      () => `>-\n${`${' '.repeat(column + 2)}folded line\n`.repeat(size / 20)}`,
    ];
    return splice(text, at, end, random.pick(kinds)());
  },
  documents(text, random) {
    const at = random.pick(lineStarts(text));
    return splice(text, at, at, random.pick(['---\n', '...\n---\n', '--- |\n', '%TAG ! tag:example.com,2000:\n---\n']));
  },
};

const STATEMENT_LINES = (statements) => statements.map((statement) => yamlBlock(statement, 10, true)).join('');

/** Plain data as block YAML, each line at `column` (the first after `- ` when `item`). */
function yamlBlock(value, column, item) {
  const pad = ' '.repeat(column);
  const scalar = (text) => (/^[A-Za-z][\w:./-]*$/.test(text) && !/^(true|false|yes|no|on|off|null)$/i.test(text) ? text : `'${text.replace(/'/g, "''")}'`);
  return Object.entries(value).map(([key, inner], i) => {
    const lead = i === 0 && item ? `${' '.repeat(column - 2)}- ` : pad;
    if (typeof inner === 'string') return `${lead}${key}: ${scalar(inner)}\n`;
    if (Array.isArray(inner)) return `${lead}${key}:\n${inner.map((entry) => `${pad}  - ${scalar(entry)}\n`).join('')}`;
    return `${lead}${key}:\n${yamlBlock(inner, column + 2, false)}`;
  }).join('');
}

/** Generated seeds: the seed statements in a YAML template (with comments and short forms) and in a JSON template. */
export function generatedCloudFormation(statements) {
  const yaml = `# generated: every seed statement\nAWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Partner:\n    Type: String\n    Default: '999988887777'\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: !Sub '\${AWS::StackName}-app'  # named by stack\n      RepositoryPolicyText:\n        Version: '2012-10-17'\n        Statement:\n${STATEMENT_LINES(statements)}          - Effect: Allow\n            Principal: {AWS: !Ref Partner}\n            Action: [ecr:BatchGetImage]\n  Block:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText: |\n        ${JSON.stringify({ Statement: statements.slice(0, 3) }, null, 2).replace(/\n/g, '\n        ')}\n`;
  const json = `${JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'app', RepositoryPolicyText: { Version: '2012-10-17', Statement: statements } } } } }, null, 2)}\n`;
  return [['generated/template.yaml', yaml], ['generated/app.template.json', json]];
}

const PUBLIC_YAML = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Principal: '*'\n            Action: ecr:BatchGetImage  # pull\n`;

function withPolicy(lines) {
  return PUBLIC_YAML.replace(/ {8}Version[^]*$/, lines.map((line) => `        ${line}\n`).join(''));
}

/** Known hostile templates, typed into an editor holding a healthy public template. */
export function cloudFormationCorpus() {
  const bomb = aliasBomb(9);
  return {
    base: PUBLIC_YAML,
    cases: [
      ['billion laughs: the Statement an alias of 9^9 items', `${bomb.lines.join('\n')}\n${withPolicy([`Statement: ${bomb.alias}`])}`],
      ['billion laughs in a principal list', `${bomb.lines.join('\n')}\n${withPolicy(['Statement:', '  - Effect: Allow', `    Principal: {AWS: ${bomb.alias}}`, '    Action: ecr:BatchGetImage'])}`],
      ['flow nesting 5,000 deep in an Action', withPolicy(['Statement:', '  - Effect: Allow', "    Principal: '*'", `    Action: ${'['.repeat(5000)}ecr:PutImage${']'.repeat(5000)}`])],
      ['block nesting 1,800 deep in the policy (1.6 MB)', withPolicy([deepBlock(1800, 0, false).trimEnd()])],
      ['block sequences 5,000 deep', withPolicy(['Statement:', deepBlock(5000, 2, true).trimEnd()])],
      ['an action of 300,000 characters', withPolicy(['Statement:', '  - Effect: Allow', "    Principal: '*'", `    Action: ecr:${'a*'.repeat(150_000)}`])],
      ['a block scalar of 20,000 lines', withPolicy(['Statement:', '  - Effect: Allow', "    Principal: '*'", '    Action: ecr:BatchGetImage', '    Sid: |', ...Array(20_000).fill('      line')])],
      ['tab indentation', PUBLIC_YAML.replace(/^( {2})+/gm, (indent) => '\t'.repeat(indent.length / 2))],
      ['an unclosed flow list in a statement', withPolicy(['Statement:', '  - Effect: Allow', "    Principal: '*'", '    Action: [ecr:BatchGetImage, ecr:PutImage', '  - Effect: Allow', "    Principal: {AWS: '999988887777'}", '    Action: ecr:*'])],
      ['tags with no value and unknown tags', withPolicy(['Statement:', '  - Effect: !Nope Allow', '    Principal: !Ref', '    Action: !If', '    Condition: !!binary aGVsbG8='])],
      ['merge keys and aliases across resources', `${PUBLIC_YAML}  Other:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryPolicyText:\n        Statement:\n          - <<: {Effect: Allow, Principal: '*'}\n            Action: ecr:PutImage\n`.replace("Principal: '*'\n            Action: ecr:BatchGetImage", "Principal: &who '*'\n            Action: &what ecr:BatchGetImage\n          - {Effect: Allow, Principal: *who, Action: *what}")],
      ['half-typed JSON in a block scalar', PUBLIC_YAML.replace(/ {8}Version[^]*$/, '      RepositoryPolicyText: |\n        {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "ecr:\n')],
      ['several documents, CR-only line ends', `${PUBLIC_YAML}---\n${PUBLIC_YAML}`.replace(/\n/g, '\r')],
    ],
  };
}
