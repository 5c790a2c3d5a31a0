import type { Node } from 'web-tree-sitter';
import { PolicyDocument } from '../model';
import { Expr, TemplatePart, toExpr } from './eval/ast';
import { LocalDefinition, ModuleEnv, moduleEnv } from './eval/context';
import { evaluateOrUnknown } from './eval/evaluate';
import { unknown, Value } from './eval/value';
import { attributesOf, blocksOf, configBody, HclBlock } from './syntax';
import { HclValue, valueOf } from './values';
import { survivingStatements, DocumentFacts } from './composition';
import { closure, RegistryScope, registryOnlyDocuments, registryScopeOf, ScopeSetting, scopeSettingOf } from './registryScope';

/** The registry replication resource, which the external-replication rule reads (see replication.ts). */
export const REPLICATION_RESOURCE = 'aws_ecr_replication_configuration';
/** The private repository, whose `name` a repository policy's `repository` usually references. */
export const REPOSITORY_RESOURCE = 'aws_ecr_repository';

/** What one .tf file contributes to its module: the facts other files of the folder may depend on. */
export interface TerraformFileSummary {
  /** The file, as the host names it (a path or URI): where values defined in it point. */
  file: string;
  locals: Map<string, Expr>;
  /** Each variable's `default` expression (null when it has none). */
  variables: Map<string, Expr | null>;
  /** aws_iam_policy_document names that ECR policy resources of this file other than registry policies use. */
  ecrReferences: Set<string>;
  /** aws_iam_policy_document names that `aws_ecr_registry_policy` resources of this file use. */
  registryReferences: Set<string>;
  /** The file's `aws_ecr_account_setting` resources: the registry policy scope may be among them. */
  scopeSettings: ScopeSetting[];
  /** Each policy document's literal statement Sids and the documents it merges. */
  documents: Map<string, DocumentFacts>;
  /** Each `aws_ecr_repository`'s `name` expression, by label: what a policy's `repository = aws_ecr_repository.X.name` names. */
  repositoryNames: Map<string, Expr>;
  /**
   * Policy documents, ECR policy resources, replication configurations and module calls in the file: zero
   * means nothing to extract.
   */
  policyBlocks: number;
  hasErrors: boolean;
}

/** What the host supplies a module beyond its .tf files: variable values and file access. */
export interface TerraformInputs {
  /** Values from terraform.tfvars, *.auto.tfvars, --var-file and --var (or a caller's module block), by name. */
  variables?: ReadonlyMap<string, Value>;
  readFile?: ModuleEnv['readFile'];
  parseTemplate?(text: string, file: string): TemplatePart[] | undefined;
  /**
   * The policies a called module builds with the given variables (a local source, or one `terraform init`
   * installed), in the module's own files; undefined when its files are not here.
   */
  childPolicies?(source: string, key: string, variables: ReadonlyMap<string, Value>): { file: string; document: PolicyDocument }[] | undefined;
  /** Signature of what the inputs hold, for caches keyed by the module context. */
  signature?: string;
}

export interface TerraformModuleContext {
  /** The module's evaluation environment (made on first use; locals are evaluated once per context). */
  env(): ModuleEnv;
  inputs: TerraformInputs;
  /** Policy documents an ECR policy resource of the module uses, directly or through merged documents. */
  ecrDocuments: ReadonlySet<string>;
  /** For each policy document some deployed policy merges: the indexes of its statements still deployed. */
  surviving: ReadonlyMap<string, ReadonlySet<number>>;
  /** Policy documents only `aws_ecr_registry_policy` resources use (see registryScope.ts). */
  registryDocuments: ReadonlySet<string>;
  /** The `name` expression of each `aws_ecr_repository` of the module, by label, and the file it is in. */
  repositoryNames: ReadonlyMap<string, { expr: Expr; file: string }>;
  /** The registry policy scope the module's account settings give (made on first use). */
  registryScope(): RegistryScope;
  /** Equal for equal contexts: what extraction results cached per block are keyed by. */
  signature: string;
}

export const ECR_POLICY_RESOURCES = new Map([
  ['aws_ecr_repository_policy', 'policy'],
  ['aws_ecr_registry_policy', 'policy'],
  ['aws_ecr_repository_creation_template', 'repository_policy'],
  ['aws_ecrpublic_repository_policy', 'policy'],
]);
export const POLICY_DOCUMENT = 'aws_iam_policy_document';
// `.json` or `.minified_json`, also of a document made with count or for_each (`NAME[0]`, `NAME["a"]`).
export const DOCUMENT_EXPRESSION = /^data\.aws_iam_policy_document\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.(?:minified_)?json$/;

export function documentReference(value: HclValue): string | undefined {
  return value.kind === 'reference' ? DOCUMENT_EXPRESSION.exec(value.text.replace(/\s+/g, ''))?.[1] : undefined;
}

export function emptySummary(file: string, hasErrors = false): TerraformFileSummary {
  return { file, locals: new Map(), variables: new Map(), ecrReferences: new Set(), registryReferences: new Set(), scopeSettings: [], documents: new Map(), repositoryNames: new Map(), policyBlocks: 0, hasErrors };
}

export function summarizeTerraform(root: Node, file: string): TerraformFileSummary {
  const summary = emptySummary(file, root.hasError);
  for (const block of blocksOf(configBody(root))) summarizeInto(block, summary);
  return summary;
}

/** Adds one top-level block's contribution to a summary. */
export function summarizeInto(block: HclBlock, summary: TerraformFileSummary): void {
  try {
    summarizeBlock(block, summary);
  } catch {
    // Pathologically deep expressions overflow the stack; they define nothing a policy could use. Any other
    // failure on hostile text likewise costs this block's contribution only.
  }
}

/** Merges per-block summaries into the file's. */
export function mergeSummaries(file: string, parts: readonly TerraformFileSummary[], hasErrors: boolean): TerraformFileSummary {
  const summary = emptySummary(file, hasErrors);
  for (const part of parts) {
    for (const [name, value] of part.locals) summary.locals.set(name, value);
    for (const [name, value] of part.variables) summary.variables.set(name, value);
    for (const name of part.ecrReferences) summary.ecrReferences.add(name);
    for (const name of part.registryReferences) summary.registryReferences.add(name);
    summary.scopeSettings.push(...part.scopeSettings);
    for (const [name, value] of part.documents) summary.documents.set(name, value);
    for (const [name, value] of part.repositoryNames) summary.repositoryNames.set(name, value);
    summary.policyBlocks += part.policyBlocks;
  }
  return summary;
}

function summarizeBlock(block: HclBlock, summary: TerraformFileSummary): void {
  if (block.type === 'locals') {
    for (const [name, expression] of attributesOf(block.body)) summary.locals.set(name, toExpr(expression));
  } else if (block.type === 'variable' && block.labels[0]) {
    const fallback = attributesOf(block.body).get('default');
    summary.variables.set(block.labels[0], fallback ? toExpr(fallback) : null);
  } else if (block.type === 'resource' && ECR_POLICY_RESOURCES.has(block.labels[0])) {
    summary.policyBlocks++;
    const policy = attributesOf(block.body).get(ECR_POLICY_RESOURCES.get(block.labels[0])!);
    const name = policy && documentReference(valueOf(policy));
    if (name) (block.labels[0] === 'aws_ecr_registry_policy' ? summary.registryReferences : summary.ecrReferences).add(name);
  } else if (block.type === 'data' && block.labels[0] === POLICY_DOCUMENT && block.labels[1]) {
    summary.policyBlocks++;
    summary.documents.set(block.labels[1], documentFacts(block.body));
  } else if (block.type === 'resource' && block.labels[0] === REPOSITORY_RESOURCE && block.labels[1]) {
    const name = attributesOf(block.body).get('name');
    if (name) summary.repositoryNames.set(block.labels[1], toExpr(name));
  } else if (block.type === 'module' || (block.type === 'resource' && block.labels[0] === REPLICATION_RESOURCE)) {
    summary.policyBlocks++;
  } else {
    const setting = scopeSettingOf(block, summary.file);
    if (setting) summary.scopeSettings.push(setting);
  }
}

function documentFacts(body: Node | undefined): DocumentFacts {
  const attributes = attributesOf(body);
  const references = (name: string): string[] => {
    const expression = attributes.get(name);
    const value = expression && valueOf(expression);
    const items = value?.kind === 'list' ? value.items : value ? [value] : [];
    return items.flatMap((item) => documentReference(item) ?? []);
  };
  const sids = blocksOf(body).filter((child) => child.type === 'statement' || child.type === 'dynamic').map((child) => {
    if (child.type === 'dynamic') return null;
    const sid = attributesOf(child.body).get('sid');
    const value = sid && valueOf(sid);
    return value?.kind === 'string' && value.quoted && !value.raw.includes('${') && !value.raw.includes('\\') ? value.raw : undefined;
  });
  return { sids, sources: references('source_policy_documents'), overrides: references('override_policy_documents') };
}

/** Merges the summaries of a folder's files; a name defined twice keeps the first (Terraform rejects it anyway). */
export function moduleContext(summaries: readonly TerraformFileSummary[], inputs: TerraformInputs = {}): TerraformModuleContext {
  const locals = new Map<string, LocalDefinition>();
  const defaults = new Map<string, { expr: Expr | null; file: string }>();
  const documents = new Map<string, DocumentFacts>();
  const pending: string[] = [];
  const registry: string[] = [];
  const settings: ScopeSetting[] = [];
  const repositoryNames = new Map<string, { expr: Expr; file: string }>();
  for (const summary of summaries) {
    for (const [name, expr] of summary.repositoryNames) if (!repositoryNames.has(name)) repositoryNames.set(name, { expr, file: summary.file });
    for (const [name, expr] of summary.locals) if (!locals.has(name)) locals.set(name, { expr, file: summary.file });
    for (const [name, expr] of summary.variables) if (!defaults.has(name)) defaults.set(name, { expr, file: summary.file });
    for (const [name, facts] of summary.documents) if (!documents.has(name)) documents.set(name, facts);
    pending.push(...summary.ecrReferences);
    registry.push(...summary.registryReferences);
    settings.push(...summary.scopeSettings);
  }
  const merged = (name: string): readonly string[] => {
    const facts = documents.get(name);
    return facts ? [...facts.sources, ...facts.overrides] : [];
  };
  const deployed = [...new Set([...pending, ...registry])];
  const ecrDocuments = closure(deployed, merged);
  const registryDocuments = registryOnlyDocuments(registry, pending, merged);
  let memo: ModuleEnv | undefined;
  const env = (): ModuleEnv => (memo ??= makeEnv());
  const makeEnv = (): ModuleEnv => {
    const variables = new Map<string, Value>();
    const bare = moduleEnv({ locals: new Map(), variables: new Map() });
    for (const [name, { expr, file }] of defaults) {
      const given = inputs.variables?.get(name);
      // A default is a literal (Terraform allows no references in it); without one, the value is unknown.
      const fallback = expr ? evaluateOrUnknown(expr, { module: bare, file, bindings: new Map(), depth: 0 }, () => `var.${name}`) : undefined;
      // No default, or `default = null` (optional, to be given): the value is not known here.
      variables.set(name, given ?? (fallback && fallback.kind !== 'null' ? fallback : unknown(`var.${name}`)));
    }
    return moduleEnv({ locals, variables, readFile: inputs.readFile, parseTemplate: inputs.parseTemplate });
  };
  const surviving = survivingStatements(documents, deployed);
  // What extraction depends on: the merge's outcome, not every document's Sids (editing a Sid that replaces
  // nothing must not re-evaluate every block of the module).
  // The scope settings' expressions stand for the scope: what they evaluate to depends only on the locals and
  // variables already in the signature.
  const outcome = [...surviving].map(([name, indexes]) => [name, [...indexes]]);
  const scope = [[...registryDocuments].sort(), settings.map((setting) => [withoutSpans(setting.name), withoutSpans(setting.value)])];
  const signature = JSON.stringify([[...locals].map(([name, local]) => [name, withoutSpans(local.expr)]), [...defaults].map(([name, item]) => [name, withoutSpans(item.expr)]), [...ecrDocuments].sort(), outcome, scope, [...repositoryNames].map(([name, item]) => [name, withoutSpans(item.expr)]), inputs.signature ?? '']);
  let scopeMemo: RegistryScope | undefined;
  const registryScope = (): RegistryScope => (scopeMemo ??= registryScopeOf(settings, env()));
  return { env, inputs, ecrDocuments, surviving, registryDocuments, repositoryNames, registryScope, signature };
}

/**
 * An expression without its ranges: a cache key that an edit elsewhere in the file (which moves every
 * range after it) leaves alone.
 */
function withoutSpans(expr: Expr | null): string {
  return JSON.stringify(expr, (key, value: unknown) => (key === 'span' ? undefined : value));
}
