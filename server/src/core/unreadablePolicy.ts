import { PolicyDocument, PolicyStatement, Span, Str } from './model';

/**
 * A policy whose text the source does not show (a CloudFormation `!Ref PolicyParameter` or `!ImportValue`,
 * a Terraform plan's policy that is known only after apply): one statement whose principal and actions are
 * unresolved, so the policy is reported as unchecked (`unresolved-principal`) rather than passed over in
 * silence. `expression` says where the policy comes from; the finding quotes it.
 */
export function unreadablePolicy(span: Span, expression: string): PolicyDocument {
  const unknown: Str = { value: expression, span, origin: 'unresolved' };
  const statement: PolicyStatement = {
    index: 0,
    span,
    effect: { value: 'Allow', span },
    principalKey: { value: 'Principal', span },
    notPrincipal: false,
    principals: [{ kind: 'AWS', value: unknown }],
    notAction: false,
    actions: [unknown],
    conditions: [],
  };
  return { span, syntax: { kind: 'opaque' }, statements: [statement], ecrRelevant: true };
}
