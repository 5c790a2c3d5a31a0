import * as path from 'path';
import type * as AuditModule from './runAudit';

export type { AuditModule };

/**
 * The audit (runAudit and the AWS SDK), loaded when an audit runs and not before: the SDK is most of the
 * audit bundle's size, and neither `scan` nor the language server should pay for loading it. Built, this file
 * lives in server/out beside audit.js; run from source (tests under tsx), it loads runAudit.ts. The module
 * name is a variable so that esbuild leaves the require alone instead of bundling the audit into its caller.
 */
export function loadAudit(): typeof AuditModule {
  const bundled = path.join(__dirname, 'audit.js');
  const fromSource = path.basename(__dirname) === 'audit' && path.extname(__filename) === '.ts';
  const module: string = fromSource ? './runAudit' : bundled;
  // A run-time require on purpose: an import would put the SDK into every bundle that loads this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(module) as typeof AuditModule;
}
