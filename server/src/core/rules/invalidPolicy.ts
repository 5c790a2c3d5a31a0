import { Registry } from '../actions';
import { isolated } from '../isolate';
import { Finding } from '../model';
import { registryOf } from '../registryOf';
import { DocumentRule } from './context';
import { invalidStatement } from './invalidStatement';
import { policyTooLong } from './policyLength';

/**
 * invalid-policy: what IAM's grammar, ECR's action catalogue and ECR's API limits rule out, in every
 * statement of an ECR resource policy (Deny too: a misspelt Deny guards nothing). Sources: README
 * `### invalid-policy` and docs/aws-ecr-policy-facts.md.
 */
export const invalidPolicy: DocumentRule = (document, documentIndex) => {
  const registry = isolated((): Registry => registryOf(document), 'private');
  const findings: Finding[] = [];
  for (const statement of document.statements) {
    // A statement the checks fail on loses only its own findings.
    findings.push(...isolated(() => invalidStatement(document, documentIndex, statement, registry), []));
  }
  findings.push(...isolated(() => policyTooLong(document, documentIndex), []));
  return findings;
};
