import { COLLECTION_CASES } from './cases-collections';
import { FORMAT_CASES } from './cases-format';
import { STRING_CASES } from './cases-strings';
import { VALUE_CASES } from './cases-values';

export { ERROR } from './errors';

/**
 * Expressions with Terraform's answer, `terraform console` printing jsonencode(EXPRESSION) (Terraform
 * v1.11.4), or ERROR. Re-verify with `npx tsx scripts/terraform-console-cases.mjs`.
 */
export const CASES: [string, string][] = [...COLLECTION_CASES, ...STRING_CASES, ...FORMAT_CASES, ...VALUE_CASES];

/** The module folder's files for file() and templatefile(). */
export const FILES: Readonly<Record<string, string>> = {
  'policy.json': '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}}]}\n',
  'greeting.tpl': 'Hello, ${name}!\n',
  'plain.txt': 'x\n',
};
