import type { HostFiles, VariableOptions } from '../terraform/host';
import type { TerraformParser } from '../terraform/parser';
import { PolicyDocument, ReplicationConfiguration, Span } from '../model';

/**
 * The formats ECR Guard reads. Each is one policy source (see registry.ts): adding a format is one module
 * implementing `PolicySource` and one line in the registry. Stable: the CLI's JSON output names them.
 */
export type SourceId = 'json' | 'terraform' | 'terraform-json' | 'terraform-plan' | 'cloudformation' | 'ecr-api';

/**
 * Where a policy is defined, so that the inventory, hovers and messages never re-parse the source. Set by
 * the source that extracted the document.
 */
export interface Provenance {
  /**
   * The format the policy was read from (for JSON files, `json` or `terraform-json` by content); `ecr-api`
   * for a policy `ecr-guard audit` read from a registry, whose `resource` is then the ARN.
   */
  source: SourceId;
  /**
   * The resource or block that defines the policy, as its format names it: `aws_ecr_repository_policy.app`,
   * `data.aws_iam_policy_document.pull`, `AWS::ECR::Repository AppRepo`, a plan's resource address
   * (`module.ecr.aws_ecr_repository_policy.this[0]`). Absent for a plain policy file.
   */
  resource?: string;
  /** The property that holds the policy (`policy`, `repository_policy`, `RepositoryPolicyText`, `PolicyText`, `RepositoryPolicy`). */
  property?: string;
  /** The repository the policy applies to, when the source can tell (a literal name or a resource's address). */
  repository?: string;
}

/** What a source makes of one file's text. */
export interface Extraction {
  documents: PolicyDocument[];
  /**
   * Ranges the parser could not read (half-typed text). Nothing new is reported inside them; the editor
   * keeps the last published findings there so that blocks the user is not editing do not flicker.
   */
  damaged: Span[];
  /** Registry replication configurations (not policies: the external-replication rule reads them). */
  replications?: ReplicationConfiguration[];
}

/** What sources may need from their host that the pure core cannot make itself. */
export interface SourceEnvironment {
  /** Terraform's tree-sitter parser, loaded from WebAssembly by the host. */
  terraform?: TerraformParser;
  /**
   * Files beside the analysed ones, read on demand (var files, `file`/`templatefile` targets, called
   * modules' sources). Without it only the given files count.
   */
  files?: HostFiles;
  /** Variable values the user gave for Terraform root modules (`--var-file`, `--var`, the editor's setting). */
  terraformVariables?: VariableOptions;
}

export interface SourceFile {
  /** A path or URI. Files of a module source whose names share a folder form one module. */
  name: string;
  text: string;
}

interface SourceBase {
  id: SourceId;
  /** For people: "CloudFormation", "Terraform". */
  label: string;
  /** File name endings it reads, lower case with the dot (`.tf`, `.yaml`, `.template.json`). */
  extensions: readonly string[];
  /** Editor language IDs it reads (a document with no telling file name, such as an untitled one). */
  languageIds: readonly string[];
  /**
   * For names more than one source reads (`.json`): whether this text is this source's. A few substring
   * searches, never a parse: it runs on every file of the walk and on every keystroke. Absent: every file
   * with one of `extensions` is this source's.
   */
  claims?(text: string): boolean;
  /** Whether the text can hold a policy at all (a cheap look); a file that cannot is never parsed. */
  mayHold(text: string): boolean;
  /**
   * The comments of the text that may be suppressions (`ecr-guard-ignore`), found by the format's own
   * parser; absent for formats that hold no comments (plans). See core/suppressions.
   */
  comments?(text: string, environment: SourceEnvironment): Span[];
  /**
   * The line comment "Suppress RULE for this statement..." writes (`#`), or undefined where the text is
   * handed to AWS as it is and so holds no comment AWS accepts (JSON): its suppressions go to the trust list.
   */
  suppressionComment?(text: string): string | undefined;
  /** Largest text it parses, in characters; larger files are skipped with a message. */
  maxChars?: number;
  /** What the host must supply before this source can parse (loaded lazily, only when a file needs it). */
  requires?: readonly (keyof SourceEnvironment)[];
}

/** A source whose files are read one by one (JSON policies, CloudFormation templates). */
export interface FileSource extends SourceBase {
  grouping: 'file';
  extract(text: string, environment: SourceEnvironment): Extraction;
}

/**
 * A source whose files are read together with the other files of their folder (a Terraform module: one
 * file's policy draws locals and variables from its siblings).
 */
export interface ModuleSource extends SourceBase {
  grouping: 'module';
  /** Whether a file without a policy can still contribute context to its module's policies (cheap look). */
  mayMatter(text: string): boolean;
  /**
   * Extractions of the files it parsed (files that cannot matter are left out). Files given as context only
   * are extracted too; the caller ignores them.
   */
  extractModule(files: readonly SourceFile[], environment: SourceEnvironment): Map<string, Extraction>;
}

export type PolicySource = FileSource | ModuleSource;
