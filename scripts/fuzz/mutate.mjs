// Mutation operators: the damage a policy file suffers in an editor (half-typed tokens, pasted junk,
// another platform's line endings) and the shapes a hostile or careless author can write (a Condition
// that is a string, an action pattern of 16,000 characters, nesting thousands deep). CloudFormation adds
// the YAML operators of cloudformation.mjs.
import { isJsonTemplate, YAML_OPERATORS, YAML_PUNCTUATION } from './cloudformation.mjs';

const JSON_PUNCTUATION = ['{', '}', '[', ']', '"', ':', ',', '\\', '"}', '",', '": ', '{}', '[]', 'null', 'true', '-0', '1e999', '/*', '*/', '//', '\n'];
const HCL_PUNCTUATION = ['{', '}', '[', ']', '"', '=', ',', '(', ')', '${', '%{', '}"', '#', '//', '/*', '*/', '<<EOF\n', '\nEOF\n', '<<-', '.', '...', '?', ':', '=>', 'jsonencode(', 'null', '\n'];
const UNICODE = ['\ud800', '\udfff', '\ud83d\ude00', '\u0301', '\u202e', '\u2028', '\u2029', '\ufffd', '\uffff', '\u00a0', '\u200b', 'é', '𝔸', '\u0085'];

/** Keys whose values the shape mutation replaces, per format. */
const JSON_KEYS = ['Condition', 'Principal', 'AWS', 'Action', 'NotAction', 'NotPrincipal', 'Effect', 'Statement', 'Sid', 'Version', 'StringEquals', 'StringLike', 'StringEqualsIfExists', 'aws:PrincipalOrgID', 'aws:PrincipalAccount', 'Service', 'Resource'];
const HCL_KEYS = ['actions', 'not_actions', 'identifiers', 'type', 'values', 'variable', 'test', 'effect', 'sid', 'policy', 'statement', 'principals', 'condition', 'Principal', 'Action', 'Condition', 'source_policy_documents'];

/** Values a key can be given instead of the one it has (JSON text; HCL accepts the same literals). */
const ODD_VALUES = [
  '"x"', '7', '-1', '1.5e308', 'null', 'true', '[]', '{}', '[[]]', '[{}]', '[1, 2, 3]', '""', '"*"', '["*"]', '{"AWS": 5}', '{"AWS": ["*", 5, null]}',
  '"o-a1b2c3d4e5"', '["o-a1b2c3d4e5"]', '{"StringEquals": "o-a1b2c3d4e5"}', '{"StringEquals": ["aws:PrincipalOrgID"]}', '{"StringEquals": {"aws:PrincipalOrgID": 5}}',
  '"Condition"', '{"Null": {"aws:PrincipalOrgID": "false"}}', '{"": {"": ""}}',
  `"ecr:${'a*'.repeat(8000)}"`, `["ecr:${'*'.repeat(2000)}", "ecr:Put*"]`, `"${'*?'.repeat(3000)}"`,
  `"arn:aws:iam::${'1'.repeat(5000)}:root"`, `[${Array.from({ length: 2000 }, (_, i) => `"arn:aws:iam::${String(100000000000 + i)}:root"`).join(',')}]`,
];

function oddValue(random) {
  return random.chance(0.05) ? `"${'x'.repeat(random.between(1, 3) * 100_000)}"` : random.pick(ODD_VALUES);
}

/** Offset just past the value that starts at `start` (a string, a bracketed group, or a bare token). */
function valueEnd(text, start) {
  const open = text[start];
  if (open === '"') {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"' || text[i] === '\n') return i + 1;
    }
    return text.length;
  }
  if (open === '{' || open === '[' || open === '(') {
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
      const char = text[i];
      if (inString) {
        if (char === '\\') i++;
        else if (char === '"') inString = false;
      } else if (char === '"') inString = true;
      else if ('{[('.includes(char)) depth++;
      else if ('}])'.includes(char) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  const match = /^[^\s,}\])]*/.exec(text.slice(start, start + 10_000));
  return start + match[0].length;
}

function occurrences(text, needle) {
  const found = [];
  for (let at = text.indexOf(needle); at >= 0 && found.length < 200; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

function splice(text, start, end, insert) {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Each operator takes (text, random, context) and returns the mutated text. */
const OPERATORS = {
  flip(text, random) {
    if (text.length === 0) return text;
    const at = random.int(text.length);
    const char = random.chance(0.5) ? String.fromCharCode(random.between(32, 126)) : random.pick([...UNICODE, '\u0000', '\r', '\t', '\n']);
    return splice(text, at, at + 1, char);
  },
  delete(text, random) {
    const at = random.int(text.length + 1);
    const length = random.chance(0.7) ? random.between(1, 8) : random.between(1, 400);
    return splice(text, at, at + length, '');
  },
  punctuation(text, random, { format }) {
    const at = random.int(text.length + 1);
    const tokens = format === 'terraform' ? HCL_PUNCTUATION : format === 'cloudformation' && !isJsonTemplate(text) ? YAML_PUNCTUATION : JSON_PUNCTUATION;
    let insert = '';
    for (let n = random.between(1, 4); n > 0; n--) insert += random.pick(tokens);
    return splice(text, at, at, insert);
  },
  truncate(text, random) {
    return text.slice(0, random.int(text.length + 1));
  },
  duplicateKey(text, random, { format }) {
    const key = random.pick(format === 'terraform' ? HCL_KEYS : JSON_KEYS);
    const places = occurrences(text, format === 'terraform' ? key : `"${key}"`);
    if (places.length === 0) return text;
    const at = random.pick(places);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const separator = text.indexOf(format === 'terraform' ? '=' : ':', at);
    const end = separator < 0 ? text.length : valueEnd(text, separator + 1 + (/^\s*/.exec(text.slice(separator + 1))[0].length));
    const copy = text.slice(lineStart, end);
    const times = random.chance(0.9) ? 1 : random.between(2, 50);
    return splice(text, end, end, `${format === 'terraform' ? '\n' : ',\n'}${copy}`.repeat(times));
  },
  shape(text, random, { format }) {
    const key = random.pick(format === 'terraform' ? HCL_KEYS : JSON_KEYS);
    const places = occurrences(text, format === 'terraform' ? key : `"${key}"`);
    if (places.length === 0) return text;
    const at = random.pick(places);
    const separator = text.indexOf(format === 'terraform' ? '=' : ':', at + key.length);
    if (separator < 0 || separator - at > key.length + 6) return text;
    const start = separator + 1 + /^\s*/.exec(text.slice(separator + 1))[0].length;
    return splice(text, start, valueEnd(text, start), oddValue(random));
  },
  lineEndings(text, random) {
    const style = random.int(3);
    if (style === 0) return text.replace(/\r?\n/g, '\r');
    if (style === 1) return text.replace(/\r?\n/g, '\r\n');
    return text.replace(/\r?\n/g, () => random.pick(['\n', '\r', '\r\n', '\n\r']));
  },
  bom(text, random) {
    const at = random.chance(0.7) ? 0 : random.int(text.length + 1);
    return splice(text, at, at, '\ufeff'.repeat(random.between(1, 2)));
  },
  nesting(text, random, { format }) {
    const depth = random.chance(0.7) ? random.between(10, 500) : random.between(1000, 20_000);
    const opener = random.pick(format === 'terraform' ? ['[', '{', '(', 'a = {', '[{'] : ['[', '{"a":', '{"Statement":', '[{"Condition":']);
    const closer = { '[': ']', '{': '}', '(': ')', 'a = {': '}', '[{': '}]', '{"a":': '}', '{"Statement":': '}', '[{"Condition":': '}]' }[opener];
    const at = random.int(text.length + 1);
    const close = random.chance(0.5) ? closer.repeat(depth) : '';
    return splice(text, at, at, `${opener.repeat(depth)}1${close}`);
  },
  unicode(text, random) {
    const at = random.int(text.length + 1);
    let insert = '';
    for (let n = random.between(1, 6); n > 0; n--) insert += random.pick(UNICODE);
    return splice(text, at, at, insert);
  },
  nul(text, random) {
    const at = random.int(text.length + 1);
    return splice(text, at, at, '\u0000'.repeat(random.between(1, random.chance(0.9) ? 3 : 5000)));
  },
  crossover(text, random, { seeds }) {
    const other = random.pick(seeds).text;
    const from = random.int(other.length + 1);
    const piece = other.slice(from, from + random.between(1, 2000));
    const at = random.int(text.length + 1);
    return splice(text, at, at, piece);
  },
  repeat(text, random) {
    const start = random.int(text.length + 1);
    const piece = text.slice(start, start + random.between(1, 3000));
    const times = random.between(2, Math.max(2, Math.min(200, Math.floor(200_000 / Math.max(1, piece.length)))));
    return splice(text, start, start, piece.repeat(times - 1));
  },
};

const NAMES = Object.keys(OPERATORS);
const CLOUDFORMATION_OPERATORS = { ...OPERATORS, ...YAML_OPERATORS };
const CLOUDFORMATION_NAMES = Object.keys(CLOUDFORMATION_OPERATORS);

/** Largest mutant, so that ten thousand of them take minutes, not hours. */
const MAX_CHARS = 600_000;

/** One mutant of `base`: one to four operators in a row; returns the text and the operators applied. */
export function mutate(base, random, context) {
  let text = base;
  const applied = [];
  const [operators, names] = context.format === 'cloudformation' ? [CLOUDFORMATION_OPERATORS, CLOUDFORMATION_NAMES] : [OPERATORS, NAMES];
  for (let n = random.chance(0.6) ? 1 : random.between(2, 4); n > 0; n--) {
    const name = random.pick(names);
    const next = operators[name](text, random, context);
    if (next.length > MAX_CHARS) continue;
    text = next;
    applied.push(name);
  }
  return { text, operators: applied };
}
