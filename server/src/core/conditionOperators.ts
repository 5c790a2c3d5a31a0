/**
 * IAM's condition operators, as the IAM User Guide lists them ("IAM JSON policy elements: Condition
 * operators"). Operator names are matched exactly: IAM rejects a policy with `stringEquals` ("Invalid
 * Condition type"), and IAM Access Analyzer reports any other spelling as "Invalid condition operator".
 */
const BASE_OPERATORS: readonly string[] = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
];

const BASE_SET: ReadonlySet<string> = new Set(BASE_OPERATORS);

export interface ParsedOperator {
  qualifier?: 'ForAllValues' | 'ForAnyValue';
  base: string;
  ifExists: boolean;
}

export function parseOperator(operator: string): ParsedOperator {
  let rest = operator;
  let qualifier: ParsedOperator['qualifier'];
  for (const prefix of ['ForAllValues', 'ForAnyValue'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      qualifier = prefix;
      rest = rest.slice(prefix.length + 1);
    }
  }
  const ifExists = rest.endsWith('IfExists');
  return { qualifier, base: ifExists ? rest.slice(0, -'IfExists'.length) : rest, ifExists };
}

/** Whether IAM knows the operator: a listed name, optionally with `IfExists` (not on Null) and a set qualifier. */
export function isKnownOperator(operator: string): boolean {
  const parsed = parseOperator(operator);
  return BASE_SET.has(parsed.base) && !(parsed.ifExists && parsed.base === 'Null');
}

/** The operator a miscased or misspelled one most likely meant (`ARNEquals` -> `ArnEquals`), if any. */
export function intendedOperator(operator: string): string | undefined {
  const parsed = parseOperator(operator.replace(/^forallvalues:/i, 'ForAllValues:').replace(/^foranyvalue:/i, 'ForAnyValue:'));
  let base = parsed.base;
  let ifExists = parsed.ifExists;
  if (!ifExists && /ifexists$/i.test(base)) {
    base = base.slice(0, -'IfExists'.length);
    ifExists = true;
  }
  const match = BASE_OPERATORS.find((candidate) => candidate.toLowerCase() === base.toLowerCase());
  if (!match) return undefined;
  const suggestion = `${parsed.qualifier ? `${parsed.qualifier}:` : ''}${match}${ifExists ? 'IfExists' : ''}`;
  return suggestion !== operator && isKnownOperator(suggestion) ? suggestion : undefined;
}
