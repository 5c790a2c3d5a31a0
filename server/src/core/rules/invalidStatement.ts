import { cap } from '../rowText';
import { catalogueOf, matchActions, Registry, SERVICE_PREFIX } from '../actions';
import { intendedOperator, isKnownOperator } from '../conditionOperators';
import { didYouMean } from '../didYouMean';
import { Finding, PolicyDocument, PolicyStatement, Span, Str } from '../model';
import { statementFinding } from './context';

const RULE = 'invalid-policy';
const EFFECTS = ['Allow', 'Deny'];
const REGISTRY_NAME: Record<Registry, string> = { private: 'ECR', public: 'ECR Public' };

/**
 * What IAM's grammar and the ECR action catalogue rule out in one statement, Deny included. Only literals
 * are judged: a value the source cannot compute (a Terraform variable, an intrinsic) is never guessed.
 */
export function invalidStatement(document: PolicyDocument, documentIndex: number, statement: PolicyStatement, registry: Registry): Finding[] {
  if (!shapeKnown(statement)) return [];
  const report = (span: Span, message: string, suggestion?: string): Finding =>
    statementFinding(documentIndex, statement, RULE, span, message, suggestion ? { suggestion } : {});
  const findings: Finding[] = [];
  const effect = statement.effect;
  if (!effect) findings.push(report(anchorOf(statement), 'The statement has no Effect; IAM requires Effect "Allow" or "Deny".'));
  else if (effect.origin === undefined && !EFFECTS.includes(effect.value)) findings.push(report(effect.span, effectMessage(effect.value)));
  if (!statement.actionKey && statement.actions.length === 0) findings.push(report(anchorOf(statement), 'The statement has neither Action nor NotAction; IAM requires one of them.'));
  // The provider renders a principals block of type "*" itself; only a written string is judged.
  if (document.syntax.kind !== 'hcl-document') {
    for (const principal of statement.principals) {
      const { value } = principal;
      if (principal.kind === '*' && value.origin !== 'unresolved' && value.value !== '*') findings.push(report(value.span, principalMessage(statement, value.value)));
    }
  }
  for (const clause of statement.conditions) {
    const { operator } = clause;
    if (operator.origin === undefined && !isKnownOperator(operator.value)) findings.push(report(operator.span, operatorMessage(operator.value)));
  }
  for (const action of statement.actions) {
    const name = unknownAction(action, registry);
    if (name === undefined) continue;
    const suggestion = didYouMean(name, catalogueOf(registry).map((known) => known.name.slice(SERVICE_PREFIX[registry].length)));
    const full = suggestion && `${SERVICE_PREFIX[registry]}${suggestion}`;
    const named = `${JSON.stringify(cap(action.value, 48))} is not an ${REGISTRY_NAME[registry]} action`;
    findings.push(report(action.span, full ? `${named}. Did you mean ${full}?` : `${named}: it matches no request.`, full));
  }
  return findings;
}

/**
 * The action's name without its prefix when it is a literal of the registry's own service that names no
 * catalogued action. Wildcards are left alone (AWS does not document rejecting one that matches nothing),
 * and so is the other registry's prefix (whether ECR accepts `ecr-public:` names is undocumented).
 */
function unknownAction(action: Str, registry: Registry): string | undefined {
  if (action.origin !== undefined || action.value.includes('*') || action.value.includes('?')) return undefined;
  const prefix = SERVICE_PREFIX[registry];
  if (action.value.slice(0, prefix.length).toLowerCase() !== prefix) return undefined;
  return matchActions(action.value, registry).length === 0 ? action.value.slice(prefix.length) : undefined;
}

function effectMessage(value: string): string {
  const fix = EFFECTS.find((effect) => effect.toLowerCase() === value.toLowerCase()) ?? didYouMean(value, EFFECTS);
  return `Effect ${JSON.stringify(cap(value, 24))} is invalid: IAM accepts only "Allow" or "Deny", case-sensitive.${fix ? ` Did you mean ${fix}?` : ''}`;
}

/** IAM rejects an operator it does not know ("Invalid Condition type"), miscased ones included. */
function operatorMessage(value: string): string {
  const intended = intendedOperator(value);
  return `${JSON.stringify(cap(value, 40))} is not an IAM condition operator (case-sensitive).${intended ? ` Did you mean ${intended}?` : ' IAM rejects it.'}`;
}

function principalMessage(statement: PolicyStatement, value: string): string {
  const key = statement.notPrincipal ? 'NotPrincipal' : 'Principal';
  return `${key} ${JSON.stringify(cap(value, 40))} is invalid: a ${key} string can only be "*"; put it under "AWS".`;
}

/**
 * A statement some source made up to stand for what it cannot read (principals or actions without their
 * key): its shape says nothing about the policy AWS will get.
 */
export function shapeKnown(statement: PolicyStatement): boolean {
  return !(statement.principals.length > 0 && !statement.principalKey) && !(statement.actions.length > 0 && !statement.actionKey);
}

/** Where to point for an element the statement lacks: its Sid, else the first element it has, else all of it. */
export function anchorOf(statement: PolicyStatement): Span {
  return (statement.sid ?? statement.principalKey ?? statement.actionKey ?? statement.conditionKey ?? statement).span;
}
