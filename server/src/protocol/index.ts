/**
 * What the VS Code client and the language server exchange beyond LSP itself: ECR Guard's requests and
 * notifications with their payloads, the commands behind quick fixes, the URI schemes analysed, and the
 * presentation both sides share. The client imports nothing else of the server. Allowed imports here (see
 * eslint.config.mjs): vscode-languageserver-protocol, types from core, and the rule metadata (plain data).
 */
export * from './commands';
export * from './suppressAnswers';
export * from './export';
export * from './presentation';
export * from './scan';
export * from './documents';
export * from './onboarding';
export * from './schemes';
export * from './menuCommands';
export { RULE_IDS, RULE_METADATA } from '../core/rules/metadata';
export type { RuleId, RuleMetadata } from '../core/rules/metadata';
export type { Severity } from '../core/model';
export type { GranteeKind, GrantedAccess, TrustLevel } from '../core/inventory';
export * from './status';
export * from './audit';
export * from './regionName';
