import { PULL_ACTIONS, PUSH_ACTIONS, Registry } from '../actions';
import { PUBLIC_PUSH_ACTIONS } from '../publicActions';
import { registryOf } from '../registryOf';
import { analyzeConditions, WeaknessKind } from '../conditions';
import { isolated } from '../isolate';
import { ConditionClause, Finding, PolicyDocument, PolicyStatement, Str } from '../model';
import { identifyPrincipal } from '../principals';
import { RULE_METADATA } from '../rules/metadata';
import { ACCOUNT_ID, ORGANIZATION_ID } from '../trust';
import { isDamaged } from './damage';
import { ORGANIZATION_KEY, Replacement, StatementEditor } from './editor';
import { HclDocumentEditor } from './hclDocumentEditor';
import { HclObjectEditor } from './hclObjectEditor';
import { JsonStatementEditor } from './jsonEditor';
import { replaceActionEdit } from './replaceAction';
import { minimalEdit } from './text';
import { YamlStatementEditor } from './yamlEditor';
import { Fix, FixAnswers, FixInput, FixSource, TextEditSpan } from './types';


/** Weak spellings of a real binding, which the binding condition replaces rather than joins. */
const REPLACEABLE: ReadonlySet<WeaknessKind> = new Set(['if-exists', 'for-all-values', 'wildcard', 'policy-variable', 'no-values']);

/** Stand in for the organisation or account the user has not typed yet, to see whether the statement can take one. */
const PLACEHOLDER_ORGANIZATION = 'o-0000000000';
const PLACEHOLDER_ACCOUNT = '000000000000';

/** Binds a service principal to the account whose resource the service acts for (the confused deputy). */
const SOURCE_ACCOUNT_KEY = 'aws:SourceAccount';

/**
 * The fixes offered for a finding, built from its `data`. At most one is preferred (ESLint's convention):
 * the one `source.fixAll` applies. A fix whose edits cannot be made safely in this syntax is not offered.
 */
export function fixesFor(finding: Finding, source: FixSource, answers: FixAnswers = {}): Fix[] {
  return isolated(() => buildFixes(finding, source, answers, false), []);
}

/** The preferred fix alone (what fix-all applies), without building the others. */
export function preferredFix(finding: Finding, source: FixSource): Fix | undefined {
  return isolated(() => buildFixes(finding, source, {}, true), []).find((fix) => fix.isPreferred);
}

function buildFixes(finding: Finding, source: FixSource, answers: FixAnswers, preferredOnly: boolean): Fix[] {
  if (!RULE_METADATA[finding.rule].fixable) return [];
  const located = locateStatement(finding, source);
  if (!located) return [];
  const { statement } = located;
  // A half-typed statement is not edited: only fixes of the trust list are offered for it.
  const editor = isDamaged(source, located.document, statement) ? undefined : isolated(() => editorFor(source, located.document, statement), undefined);
  const fixes: Fix[] = [];
  const add = (fix: Omit<Fix, 'edits' | 'rule'>, build: () => Edited | undefined): void => {
    if (preferredOnly && !fix.isPreferred) return;
    // A shape no builder foresaw drops only this fix: the finding's other fixes, and every other finding's, stay.
    const after = isolated(build, undefined);
    const edit = after === undefined ? undefined : editOf(source.text, after);
    if (edit || fix.needs) fixes.push({ ...fix, rule: finding.rule, ...(edit ? { edits: [edit] } : {}) });
  };
  /**
   * One fix per value known without asking; with several, none is preferred (source.fixAll must not pick
   * one for the user); with none, one that asks, offered only where the answer could be used: built with
   * a stand-in value first, to see whether this syntax can take the edit.
   */
  const offerBinding = (known: readonly string[], placeholder: string, ask: FixInput, bind: (value: string) => Edited | undefined, describe: (label: string) => Pick<Fix, 'id' | 'title'>): void => {
    const preferred = known.length <= 1;
    for (const value of known.length > 0 ? known : [undefined]) {
      if (preferredOnly && !preferred) break;
      const after = isolated(() => bind(value ?? placeholder), undefined);
      if (after === undefined || !editOf(source.text, after)) continue;
      const needs = value ? undefined : ask;
      add({ ...describe(value ? ` (${value})` : ''), isPreferred: preferred, needs }, () => value ? after : undefined);
    }
  };
  switch (finding.rule) {
    case 'invalid-policy': {
      // Not preferred: the real action grants what the misspelt one did not, so fix-all must not apply it.
      const suggestion = finding.data.suggestion;
      const edit = editor && suggestion !== undefined && !preferredOnly ? replaceActionEdit(source.text, statement, finding.span, suggestion) : undefined;
      if (edit) fixes.push({ id: 'replace-action', rule: finding.rule, title: `Replace with ${suggestion}`, isPreferred: false, edits: [edit] });
      // Removing the statement would change what the policy grants or denies: not offered for a mistake in it.
      return fixes;
    }
    case 'external-write': {
      const push = finding.data.trustedAccess === 'push';
      const restricted = restrictedActions(registryOf(located.document), push);
      const title = push ? 'Restrict to push and pull' : 'Restrict to pull-only';
      if (restricted) add({ id: push ? 'restrict-to-push-and-pull' : 'restrict-to-pull', title, isPreferred: true }, () => editor?.setActions(restricted));
      const principal = finding.data.account ? principalOfAccount(statement, finding.data.account) : undefined;
      if (principal) add({ id: 'remove-principal', title: `Remove principal ${principal.value}`, isPreferred: false }, () => editor?.removePrincipal(principal));
      break;
    }
    case 'wildcard-principal': {
      const replace = weakClausesOn(statement, ORGANIZATION_KEY);
      const known = answers.organizationId ? [answers.organizationId] : organizations(source);
      if (statement.notPrincipal) {
        offerBinding(known, PLACEHOLDER_ORGANIZATION, { kind: 'organization-id' }, (organizationId) => editor?.notPrincipalToOrganization(organizationId, replace),
          (label) => ({ id: 'not-principal-to-organization', title: `Replace NotPrincipal with Principal "*" bound to the organisation${label}` }));
      } else {
        offerBinding(known, PLACEHOLDER_ORGANIZATION, { kind: 'organization-id' }, (organizationId) => editor?.addOrganizationCondition(organizationId, replace),
          (label) => ({ id: 'add-organization-condition', title: `Add an aws:PrincipalOrgID condition${label}` }));
      }
      break;
    }
    case 'unscoped-service-principal': {
      // aws:SourceAccount is absent from every other caller's request: bound, they would lose the grant.
      if (statement.notPrincipal || !statement.principals.every((principal) => identifyPrincipal(principal).kind === 'service')) break;
      const replace = weakClausesOn(statement, SOURCE_ACCOUNT_KEY, located.document.version);
      const known = answers.account ? [answers.account] : ownAccounts(source);
      offerBinding(known, PLACEHOLDER_ACCOUNT, { kind: 'account-id' }, (account) => editor?.addCondition('StringEquals', SOURCE_ACCOUNT_KEY, account, replace),
        (label) => ({ id: 'add-source-account-condition', title: `Add an aws:SourceAccount condition${label}` }));
      break;
    }
    case 'untrusted-account': {
      if (finding.data.account && !preferredOnly) {
        const account = finding.data.account;
        fixes.push({ id: 'trust-account', rule: finding.rule, title: `Trust account ${account} for pull`, isPreferred: false, needs: { kind: 'account-name', account } });
        // An account in trustedAccounts (expired) keeps that entry's access even when owned: renewing it is the fix there.
        if (!source.trust?.trustedAccounts.has(account)) fixes.push({ id: 'mark-own-account', rule: finding.rule, title: `Mark ${account} as one of my own accounts`, isPreferred: false, needs: { kind: 'own-account', account } });
      }
      const principal = statement.notPrincipal ? undefined : statement.principals.find((candidate) => candidate.value.span.offset === finding.span.offset)?.value;
      if (principal) add({ id: 'remove-principal', title: `Remove principal ${principal.value}`, isPreferred: false }, () => editor?.removePrincipal(principal));
      break;
    }
  }
  add({ id: 'remove-statement', title: `Remove statement${statement.sid ? ` ${statement.sid.value}` : ''}`, isPreferred: false }, () => editor?.removeStatement());
  return fixes;
}

type Edited = string | Replacement;

/**
 * The actions a restricted grant keeps. A public repository is pulled from without any grant, so it has no
 * pull-only form (none is offered) and its push form is AWS's cross-account push example.
 */
function restrictedActions(registry: Registry, push: boolean): readonly string[] | undefined {
  if (registry === 'public') return push ? PUBLIC_PUSH_ACTIONS : undefined;
  return push ? [...PULL_ACTIONS, ...PUSH_ACTIONS] : PULL_ACTIONS;
}

/** The one edit that turns the text into what a builder made of it (the whole text, or a region of it). */
function editOf(text: string, after: Edited): TextEditSpan | undefined {
  if (typeof after === 'string') return minimalEdit(text, after);
  const { offset, length } = after.region;
  const edit = minimalEdit(text.slice(offset, offset + length), after.text);
  return edit && { span: { offset: edit.span.offset + offset, length: edit.span.length }, newText: edit.newText };
}

/** The statement a finding was made on, if the document still holds it where the finding says. */
export function locateStatement(finding: Finding, source: FixSource): { document: PolicyDocument; statement: PolicyStatement } | undefined {
  const document = source.documents[finding.data.documentIndex];
  const statement = document?.statements[finding.data.statementIndex];
  if (!document || !statement || statement.span.offset !== finding.data.statementSpan.offset || statement.span.length !== finding.data.statementSpan.length) return undefined;
  return { document, statement };
}

function editorFor(source: FixSource, document: PolicyDocument, statement: PolicyStatement): StatementEditor | undefined {
  if (statement.generated) return undefined;
  switch (document.syntax.kind) {
    case 'json': return JsonStatementEditor.create(source, document.syntax.span, statement);
    case 'hcl-document': return source.parseTerraform && new HclDocumentEditor(source.text, source.parseTerraform, statement.span.offset);
    case 'hcl-object': return source.parseTerraform && new HclObjectEditor(source.text, source.parseTerraform, statement.span.offset);
    case 'yaml': return YamlStatementEditor.create(source, statement);
    case 'opaque': return undefined;
  }
}

/** The organisations a condition can name without asking: the trust list's. */
function organizations(source: FixSource): string[] {
  return [...(source.trust?.organizationIds.keys() ?? [])].filter((id) => ORGANIZATION_ID.test(id));
}

/** The team's own accounts, which a condition can name without asking: the trust list's. */
function ownAccounts(source: FixSource): string[] {
  return [...(source.trust?.ownAccounts.keys() ?? [])].filter((id) => ACCOUNT_ID.test(id));
}

/** The statement's weak clauses on `key`, which the new binding replaces. */
function weakClausesOn(statement: PolicyStatement, key: string, version?: string): ConditionClause[] {
  return analyzeConditions(statement, version).weak
    .filter((weak) => REPLACEABLE.has(weak.kind) && weak.clause.key.value.toLowerCase() === key.toLowerCase())
    .map((weak) => weak.clause);
}

/**
 * The principal to remove so that the account no longer gets the grant: none when several name it, when
 * the statement also has a wildcard (then bound to the account by a condition) or is a NotPrincipal.
 */
function principalOfAccount(statement: PolicyStatement, account: string): Str | undefined {
  if (statement.notPrincipal || statement.principals.some((principal) => ['wildcard', 'unresolved'].includes(identifyPrincipal(principal).kind))) return undefined;
  const naming = statement.principals.filter((principal) => {
    const identity = identifyPrincipal(principal);
    return identity.kind === 'account' && identity.account === account;
  });
  return naming.length === 1 ? naming[0].value : undefined;
}
