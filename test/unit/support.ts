import * as path from 'path';
import { cloudFormationSource } from '../../server/src/core/sources/cloudformation';
import { terraformPlanSource } from '../../server/src/core/sources/terraformPlan';
import { TerraformParser } from '../../server/src/core/terraform';
import { loadTerraformParser } from '../../server/src/node/wasm';

let parser: Promise<TerraformParser> | undefined;

/** The Terraform parser over the wasm files the build copies into server/out (run `npm run build` first). */
export function loadWasmParser(): Promise<TerraformParser> {
  parser ??= loadTerraformParser(path.resolve(__dirname, '..', '..', 'server', 'out'));
  return parser;
}

/**
 * The format a fixture file is, by name (what the registry reads it as), or given its text, `terraform-plan`
 * for a Terraform plan and `cloudformation` for a JSON template (which their names alone do not tell from a
 * JSON policy).
 */
export function fixtureKind(name: string, text?: string): 'json' | 'terraform' | 'terraform-plan' | 'cloudformation' | undefined {
  if (/\.jsonc?$/i.test(name) && text !== undefined && terraformPlanSource.claims!(text)) return 'terraform-plan';
  if (/\.jsonc?$/i.test(name)) return text !== undefined && cloudFormationSource.claims!(text) ? 'cloudformation' : 'json';
  return /\.tf$/i.test(name) ? 'terraform' : undefined;
}
