import { parseJson, policyAt } from '../json/extract';
import { mapDocument } from '../shift';
import { ConditionClause, DocumentSyntax, PolicyDocument, PolicyStatement, PrincipalRef, Span, Str } from '../model';
import { closingBrace, ModuleScope, resolveStrings, resolveTemplate, unescapeTemplate } from './resolve';
import { decodeQuoted, HclObjectEntry, HclValue } from './values';

/**
 * The `policy` of an ECR policy resource: `jsonencode({...})` in HCL object syntax, or JSON text in a
 * heredoc or a quoted string. References to policy documents are handled by the module, not here.
 */
export function embeddedPolicy(value: HclValue, scope: ModuleScope): PolicyDocument | undefined {
  if (value.kind === 'call' && value.name === 'jsonencode' && value.args[0]?.kind === 'object') return objectPolicy(value.args[0], scope);
  if (value.kind === 'heredoc') {
    // In the heredoc's own coordinates: jsonPolicy maps every span of the document, this one included, into the file.
    const syntax: DocumentSyntax = { kind: 'json', span: { offset: 0, length: value.raw.length } };
    return jsonPolicy(value.raw, (offset) => value.contentOffset + offset, scope, syntax);
  }
  if (value.kind === 'string' && value.quoted) {
    const { value: text, offsets } = decodeQuoted(value.raw, true);
    return jsonPolicy(text, (offset) => value.contentOffset + offsets[Math.min(offset, offsets.length - 1)], scope, { kind: 'opaque' });
  }
  return undefined;
}

function jsonPolicy(text: string, toSource: (offset: number) => number, scope: ModuleScope, syntax: DocumentSyntax): PolicyDocument | undefined {
  const masked = maskInterpolations(text);
  const root = parseJson(masked);
  const document = root && policyAt(root, syntax);
  if (!document) return undefined;
  const map = (span: Span): Span => {
    const start = toSource(span.offset);
    return { offset: start, length: toSource(span.offset + span.length) - start };
  };
  const str = (item: Str): Str => {
    const mapped = { ...item, span: map(item.span) };
    if (item.value.startsWith(MASK)) return { value: text.slice(item.span.offset, item.span.offset + item.span.length), span: mapped.span, origin: 'unresolved' };
    return item.value.includes('${') || item.value.includes('%{') ? resolveTemplate(item.value, mapped.span, scope, unescapeTemplate) : mapped;
  };
  return { ...mapDocument(document, map, str), ecrRelevant: true };
}

/** What stands for an interpolation's characters in the masked text (inside a placeholder string). */
export const MASK = '\u0001';

/**
 * A template interpolation outside JSON strings (`"AWS": ${jsonencode(var.accounts)}`) is not JSON. Each
 * becomes a placeholder string of the same length, so the text parses, ranges still line up, and the
 * value is reported as unresolved rather than dropped.
 */
export function maskInterpolations(text: string): string {
  let result = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        result += text.slice(i, i + 2);
        i++;
        continue;
      }
      if (char === '"') inString = false;
      result += char;
    } else if (char === '"') {
      inString = true;
      result += char;
    } else if (text.startsWith('${', i) && !text.startsWith('$${', i - 1)) {
      const end = closingBrace(text, i + 2);
      const length = Math.min(end + 1, text.length) - i;
      result += length >= 3 ? `"${MASK}${' '.repeat(length - 3)}"` : text.slice(i, i + length);
      i += length - 1;
    } else {
      result += char;
    }
  }
  return result;
}

/** `jsonencode({ Statement = [...] })`: the same keys as JSON, written as HCL objects. */
function objectPolicy(object: Extract<HclValue, { kind: 'object' }>, scope: ModuleScope): PolicyDocument | undefined {
  const statementEntry = entry(object, 'Statement');
  if (!statementEntry) return undefined;
  const items = statementEntry.value.kind === 'list' ? statementEntry.value.items : [statementEntry.value];
  const statements = items
    .filter((item): item is Extract<HclValue, { kind: 'object' }> => item.kind === 'object')
    .map((item, index) => objectStatement(item, index, scope));
  return { span: object.span, syntax: { kind: 'hcl-object' }, statements, ecrRelevant: true };
}

function objectStatement(object: Extract<HclValue, { kind: 'object' }>, index: number, scope: ModuleScope): PolicyStatement {
  const statement: PolicyStatement = { index, span: object.span, notPrincipal: false, principals: [], notAction: false, actions: [], conditions: [] };
  for (const item of object.entries) {
    const key: Str = { value: item.key, span: item.keySpan };
    switch (item.key) {
      case 'Sid': statement.sid = resolveStrings(item.value, scope)[0]; break;
      case 'Effect': statement.effect = resolveStrings(item.value, scope)[0]; break;
      case 'Principal':
      case 'NotPrincipal':
        statement.principalKey = key;
        statement.notPrincipal = item.key === 'NotPrincipal';
        statement.principals = objectPrincipals(item.value, scope);
        break;
      case 'Action':
      case 'NotAction':
        statement.actionKey = key;
        statement.notAction = item.key === 'NotAction';
        statement.actions = resolveStrings(item.value, scope);
        break;
      case 'Condition':
        statement.conditionKey = key;
        statement.conditions = objectConditions(item.value, scope);
        break;
    }
  }
  return statement;
}

function objectPrincipals(value: HclValue, scope: ModuleScope): PrincipalRef[] {
  if (value.kind !== 'object') return resolveStrings(value, scope).map((item) => ({ kind: '*', value: item }));
  return value.entries.flatMap((item) => resolveStrings(item.value, scope).map((resolved) => ({ kind: item.key, value: resolved })));
}

function objectConditions(value: HclValue, scope: ModuleScope): ConditionClause[] {
  if (value.kind !== 'object') return [];
  return value.entries.flatMap((operator) => operator.value.kind !== 'object' ? [] : operator.value.entries.map((key) => ({
    operator: { value: operator.key, span: operator.keySpan },
    key: { value: key.key, span: key.keySpan },
    values: resolveStrings(key.value, scope),
  })));
}

function entry(object: Extract<HclValue, { kind: 'object' }>, key: string): HclObjectEntry | undefined {
  return object.entries.find((item) => item.key === key);
}
