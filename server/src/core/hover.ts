import { byLevel, summarize } from './actionSummary';
import { catalogueOf, EcrAction, LEVEL_LABELS, matchActions, Registry } from './actions';
import { analyzeConditions, isBindingKey, isSourceKey } from './conditions';
import { isAllow, REGISTRY_V1_ACTIONS } from './grants';
import { PolicyDocument, PolicyStatement, Span, Str } from './model';
import { isolated } from './isolate';
import { identifyPrincipal } from './principals';
import { registryOf } from './registryOf';
import { displayName } from './rules/context';
import { accountStanding, ORGANIZATION_ID, TrustList } from './trust';

export interface HoverOptions {
  trust?: TrustList;
  now?: Date;
}

export interface HoverResult {
  span: Span;
  /** Markdown. */
  contents: string;
}

/** Explains the principal, action or condition value under the cursor; undefined elsewhere. */
export function hoverAt(documents: readonly PolicyDocument[], offset: number, options: HoverOptions = {}): HoverResult | undefined {
  for (const document of documents) {
    if (!contains(document.span, offset)) continue;
    const statement = document.statements.find((candidate) => contains(candidate.span, offset));
    // A statement the core fails on has no hover; the rest of the file keeps theirs.
    if (statement) return isolated(() => statementHover(statement, offset, options, registryOf(document), document), undefined);
  }
  return undefined;
}

function statementHover(statement: PolicyStatement, offset: number, options: HoverOptions, registry: Registry, document: Pick<PolicyDocument, 'version' | 'registryScope'>): HoverResult | undefined {
  const { version, registryScope: scope } = document;
  const principal = statement.principals.find((candidate) => contains(candidate.value.span, offset));
  if (principal) return { span: principal.value.span, contents: principalText(statement, principal.kind, principal.value, options, version) };
  const action = statement.actions.find((candidate) => contains(candidate.span, offset));
  if (action) return { span: action.span, contents: actionText(registry, action.value, statement.notAction) + scopeText(scope, action.value, statement.notAction) };
  if (statement.actionKey && statement.notAction && contains(statement.actionKey.span, offset)) {
    return { span: statement.actionKey.span, contents: actionText(registry, '', true, statement.actions.map((a) => a.value)) };
  }
  for (const clause of statement.conditions) {
    const value = clause.values.find((candidate) => contains(candidate.span, offset));
    if (value && isBindingKey(clause.key.value)) return { span: value.span, contents: conditionText(statement, clause.key.value, value, options, version) };
  }
  return undefined;
}

function principalText(statement: PolicyStatement, kind: string, value: Str, options: HoverOptions, version: string | undefined): string {
  const identity = identifyPrincipal({ kind, value });
  switch (identity.kind) {
    case 'wildcard': {
      const bound = analyzeConditions(statement, version).bindings.length > 0;
      return bound
        ? `**Any AWS principal**, narrowed by this statement's conditions to the accounts or organisation they name.`
        : `**Any AWS principal** (public).${isAllow(statement) ? ' No condition binds this statement to your accounts or organisation.' : ''}`;
    }
    case 'account': return accountText(identity.account, options);
    case 'service': return serviceText(statement, value, version);
    case 'own': return `**Your own account** (the account Terraform runs in).`;
    case 'unresolved': return `\`${value.value}\`: not a literal, so ECR Guard cannot check it.`;
    case 'other': return `\`${value.value}\`: not an account ECR Guard can identify.`;
  }
}

export function accountText(account: string, options: HoverOptions): string {
  const state = accountStanding(options.trust, account, options.now ?? new Date());
  const where = (line: number): string => `${displayName(options.trust?.source ?? '')}, line ${line}`;
  switch (state.kind) {
    case 'own': return `**Account ${account}**: one of your own accounts (${where(state.origin.line)}).`;
    case 'trusted': {
      const name = state.entry.name ? ` "${state.entry.name}"` : '';
      const expiry = state.entry.expires ? `, until ${state.entry.expires}` : '';
      return `**Account ${account}**${name}: trusted for **${state.entry.access}**${expiry} by ${where(state.entry.line)}.`;
    }
    case 'expired': return `**Account ${account}**: trust expired on ${state.entry.expires} (${where(state.entry.line)}).`;
    case 'untrusted': return `**Account ${account}**: not on the trust list (${displayName(options.trust?.source ?? '')}).`;
    case 'no-trust-list': return `**Account ${account}**: no trust list found, so it cannot be checked. Run **ECR Guard: Create Trust List** to record your own and trusted accounts.`;
  }
}

/** A service principal is bound only by the aws:Source* keys the calling service passes (confused-deputy guidance). */
function serviceText(statement: PolicyStatement, value: Str, version: string | undefined): string {
  const bound = analyzeConditions(statement, version).bindings.some((binding) => isSourceKey(binding.clause.key.value));
  return bound
    ? `**Service principal** \`${value.value}\`: an AWS service, acting for what this statement's aws:Source* conditions name.`
    : `**Service principal** \`${value.value}\`: an AWS service. No aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition binds it, so it may act for any account.`;
}

function conditionText(statement: PolicyStatement, key: string, value: Str, options: HoverOptions, version: string | undefined): string {
  const verdict = analyzeConditions(statement, version);
  const weak = verdict.weak.find((candidate) => candidate.clause.values.includes(value));
  if (weak) return `**Does not bind the caller.** ${weak.reason}`;
  const binding = verdict.bindings.find((candidate) => candidate.value === value);
  switch (binding?.kind) {
    case 'nobody': return `**Admits nobody.** ${binding.reason}`;
    case 'own': return value.value.includes('${') ? `**Your own account**: \`${value.value}\` is the account that owns the repository.` : `**Your own account** (the account Terraform runs in).`;
    case 'own-organization': return `**Your own organisation**: \`${value.value}\` is the organisation of the account that owns the repository.`;
    case 'unique-id': return `**One ${binding.id.startsWith('AROA') ? 'role' : 'user'}**, by its unique ID \`${binding.id}\`: the policy does not say which account it belongs to.`;
  }
  if (ORGANIZATION_ID.test(value.value.split('/')[0]) && /org/i.test(key)) {
    const organization = value.value.split('/')[0];
    const known = options.trust?.organizationIds.get(organization);
    return known
      ? `**Organisation ${organization}**: yours (${displayName(options.trust?.source ?? '')}, line ${known.line}).`
      : `**Organisation ${organization}**: not in organizationIds of the trust list.`;
  }
  const account = /^\d{12}$/.test(value.value) ? value.value : /:(\d{12}):/.exec(value.value)?.[1];
  return account ? accountText(account, options) : `Binds the caller with \`${key}\`.`;
}

/** An action of a public repository's policy is looked up among ECR Public's, the only ones it can grant. */
function actionText(registry: Registry, pattern: string, notAction: boolean, excluded: readonly string[] = []): string {
  const service = registry === 'public' ? 'ECR Public' : 'ECR';
  const matched = notAction ? [] : matchActions(pattern, registry);
  if (notAction) {
    const skip = new Set(excluded.flatMap((p) => matchActions(p, registry).map((action) => action.name)));
    const rest = catalogueOf(registry).filter((action) => !skip.has(action.name));
    return `**NotAction** grants every ${service} action except those listed: ${rest.length} actions.\n\n${grouped(rest)}`;
  }
  if (matched.length === 0) return `\`${pattern}\` matches no ${service} action.`;
  if (matched.length === 1 && !/[*?]/.test(pattern)) return `\`${matched[0].name}\`: ${LEVEL_LABELS[matched[0].level]} access.`;
  return `\`${pattern}\` matches ${matched.length} ${service} action${matched.length === 1 ? '' : 's'}:\n\n${grouped(matched)}`;
}

/** A registry policy's action: whether the registry policy scope enforces it (see PolicyDocument.registryScope). */
function scopeText(scope: PolicyDocument['registryScope'], pattern: string, notAction: boolean): string {
  if (scope === 'V2') return '\n\nRegistry policy scope V2 (the default; set with REGISTRY_POLICY_SCOPE): every ECR action is enforced.';
  if (scope !== 'V1') return '';
  const intro = '\n\nRegistry policy scope V1 (aws_ecr_account_setting): only ecr:ReplicateImage, ecr:BatchImportUpstreamImage and ecr:CreateRepository are enforced';
  if (notAction) return `${intro}.`;
  const enforced = matchActions(pattern, 'private').filter((action) => REGISTRY_V1_ACTIONS.has(action.name)).map((action) => action.name);
  if (!/[*?]/.test(pattern)) return `${intro}; this action is${enforced.length > 0 ? '' : ' not'}.`;
  if (enforced.length === 0) return `${intro}; it matches none of them.`;
  const names = enforced.length === 1 ? `${enforced[0]} is` : `${enforced.slice(0, -1).join(', ')} and ${enforced[enforced.length - 1]} are`;
  return `${intro}; of the actions it matches, only ${names}.`;
}

/** One line per access level, a few names each: a wildcard's hover stays a few lines, not a row per action. */
function grouped(actions: readonly EcrAction[]): string {
  return byLevel(actions).map(([label, names]) => `- **${label} (${names.length}):** ${summarize(names, 8)}`).join('\n');
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}
