import { ConditionClause, Span, Str } from '../model';

/**
 * The edits a quick fix makes to one statement, in whichever syntax it is written. Each returns the
 * whole new document text (undefined when the edit cannot be made safely); the caller turns it into one
 * minimal text edit.
 */
export interface StatementEditor {
  /** Where every edit but removeStatement lands, when the editor knows (the rest of the text is kept as it is). */
  readonly editedSpan?: Span;
  /** The statement's actions become exactly these; NotAction becomes Action. */
  setActions(actions: readonly string[]): string | undefined;
  /** Adds StringEquals aws:PrincipalOrgID, replacing the given weak clauses on that key. */
  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): string | undefined;
  /** NotPrincipal becomes Principal "*" bound to the organisation. */
  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): string | undefined;
  removePrincipal(principal: Str): string | undefined;
  removeStatement(): string | undefined;
}
