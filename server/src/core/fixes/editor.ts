import { ConditionClause, Span, Str } from '../model';

/** New text for `region` of the document; the rest of the document is kept as it is. */
export interface Replacement {
  region: Span;
  text: string;
}

/**
 * The edits a quick fix makes to one statement, in whichever syntax it is written. Each returns the
 * whole new document text, or the new text of a region of it (undefined when the edit cannot be made
 * safely); the caller turns it into one minimal text edit.
 */
export interface StatementEditor {
  /** The statement's actions become exactly these; NotAction becomes Action. */
  setActions(actions: readonly string[]): string | Replacement | undefined;
  /**
   * Adds the clause `operator` on `key` with the one `value` (kept beside the statement's other clauses,
   * joining an existing `operator` block), replacing the given weak clauses, which are on that key.
   */
  addCondition(operator: string, key: string, value: string, replace: readonly ConditionClause[]): string | Replacement | undefined;
  /** addCondition of StringEquals aws:PrincipalOrgID. */
  addOrganizationCondition(organizationId: string, replace: readonly ConditionClause[]): string | Replacement | undefined;
  /** NotPrincipal becomes Principal "*" bound to the organisation. */
  notPrincipalToOrganization(organizationId: string, replace: readonly ConditionClause[]): string | Replacement | undefined;
  removePrincipal(principal: Str): string | Replacement | undefined;
  removeStatement(): string | Replacement | undefined;
}

/** The clause a fix writes into a statement's Condition: `operator` on `key` with one value. */
export interface NewClause {
  operator: string;
  key: string;
  value: string;
}

/** The condition key that binds a caller to an organisation (wildcard-principal's fixes). */
export const ORGANIZATION_KEY = 'aws:PrincipalOrgID';
