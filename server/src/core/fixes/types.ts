import type { Tree } from 'web-tree-sitter';
import { PolicyDocument, RuleId, Span } from '../model';
import { TrustList } from '../trust';

/** A replacement of `span` of the document text; offsets are UTF-16 code units. */
export interface TextEditSpan {
  span: Span;
  newText: string;
}

/** What the user must supply before a fix can be applied. */
export type FixInput =
  | { kind: 'organization-id' }
  /** One of the team's own accounts, for aws:SourceAccount. */
  | { kind: 'account-id' }
  | { kind: 'account-name'; account: string }
  /** Nothing to ask: the account goes into ownAccounts, through a command that can create the trust list with its content. */
  | { kind: 'own-account'; account: string };

export type FixId =
  | 'restrict-to-pull'
  | 'restrict-to-push-and-pull'
  | 'add-organization-condition'
  | 'add-source-account-condition'
  | 'not-principal-to-organization'
  | 'trust-account'
  | 'mark-own-account'
  | 'remove-principal'
  | 'remove-statement'
  | 'replace-action';

export interface Fix {
  id: FixId;
  title: string;
  rule: RuleId;
  isPreferred: boolean;
  /** Edits to the analysed document; absent when the fix edits the trust list or needs input first. */
  edits?: TextEditSpan[];
  /** Set when the user must answer first; the fix is then re-built with the answer. */
  needs?: FixInput;
}

/** The document as the fix builders see it: its text, its policies, and for Terraform its syntax tree. */
export interface FixSource {
  text: string;
  documents: readonly PolicyDocument[];
  /** Parses Terraform text (the fix builders re-parse after each step of a multi-step edit). */
  parseTerraform?: (text: string) => Tree;
  trust?: TrustList;
  /** Ranges the parser could not read (Terraform's ERROR nodes); JSON's parse errors are found from the text. */
  damaged?: readonly Span[];
}

/** Answers the user gave, when building a fix that needs input. */
export interface FixAnswers {
  organizationId?: string;
  /** A 12-digit account ID (checked by whoever asked). */
  account?: string;
}
