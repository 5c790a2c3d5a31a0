import { Document, parseDocument, ParseOptions, DocumentOptions, SchemaOptions, YAMLMap, YAMLSeq } from 'yaml';
import { nestsTooDeep } from '../json/nesting';
import { Span } from '../model';

/**
 * The short forms of CloudFormation's intrinsic functions, each in the three shapes YAML allows (`!Ref x`,
 * `!Join [...]`, `!If {...}` would be odd but is YAML), so that real templates parse without warnings and
 * every call keeps its tag. The language extensions' functions are listed too.
 */
export const INTRINSIC_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'Join', 'If', 'FindInMap', 'ImportValue', 'Select', 'Split', 'Base64', 'Cidr',
  'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform', 'ToJsonString', 'Length',
] as const;

const CUSTOM_TAGS = INTRINSIC_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, nodeClass: YAMLSeq },
  { tag: `!${name}`, collection: 'map' as const, nodeClass: YAMLMap },
]);

// yaml's own alias limit (maxAliasCount) guards toJS(), which is never called: the conversion to CfnNode
// expands aliases itself, within a budget of nodes (fromYaml.ts), so an alias bomb costs nothing.
const OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  // A function, not the array: yaml concatenates an array's tags one by one on every parse.
  customTags: (tags) => tags.concat(CUSTOM_TAGS),
  // A repeated key is not a reason to stop reading a policy: the last one wins, as in JSON.
  uniqueKeys: false,
  prettyErrors: false,
};

/**
 * A lone CR ends a line for the editor (and for YAML), but not for the yaml library: it becomes LF, which
 * keeps every offset.
 */
function endLinesWithLf(text: string): string {
  return LONE_CR.test(text) ? text.replace(LONE_CR_ALL, '\n') : text;
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

export interface ParsedYaml {
  document: Document.Parsed;
  /** What the parser could not read, as ranges of the text. */
  errors: Span[];
}

/**
 * Parses YAML text; the parser recovers from errors, which come back as ranges. Never throws. Flow
 * collections nested past MAX_JSON_NESTING are refused unparsed (the yaml library takes seconds on them, and
 * no policy nests that deep).
 */
export function parseYaml(text: string): ParsedYaml | undefined {
  if (nestsTooDeep(text)) return undefined;
  try {
    const document = parseDocument(endLinesWithLf(text), OPTIONS);
    const errors = document.errors.map((error) => ({ offset: error.pos[0], length: Math.max(0, error.pos[1] - error.pos[0]) }));
    return { document, errors };
  } catch {
    // A stack overflow on pathological nesting: nothing of the text can be read.
    return undefined;
  }
}
