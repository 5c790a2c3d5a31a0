import { AuditCallError } from '../core/deployed/snapshot';

/** Messages are quoted to the user: long ones are cut here. */
const MAX_MESSAGE = 400;

/**
 * A message with whatever could be a credential or a signature taken out. AWS's own error messages can quote
 * the canonical request (SignatureDoesNotMatch lists the signed headers' values, the session token among
 * them) or the Authorization header; the SDK's can name the access key. None of that may reach a log.
 */
export function scrubSecrets(message: string): string {
  return message
    .replace(/(Signature=)[0-9a-fA-F]+/g, '$1[redacted]')
    .replace(/(Credential=)[^,\s]+/g, '$1[redacted]')
    .replace(/(x-amz-security-token[:=]\s*)\S+/gi, '$1[redacted]')
    .replace(/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, '[redacted key]')
    // Session tokens and secret keys: long runs of base64 that no ARN, name or policy word looks like.
    .replace(/[A-Za-z0-9+/]{40,}={0,2}/g, '[redacted]');
}

/** The AWS error code of a failed call: the service's `__type` for a service error, else the Node or SDK error's code or name. */
function codeOf(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const details = error as Error & { $metadata?: { httpStatusCode?: number }; code?: unknown };
  // A network error (ENOTFOUND, ECONNREFUSED) has a Node code and no HTTP answer.
  if (details.$metadata?.httpStatusCode === undefined && typeof details.code === 'string') return details.code;
  return details.name || 'Error';
}

export function callError(error: unknown, region: string, operation: string, resource?: string): AuditCallError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubSecrets(raw).replace(/\s+/g, ' ').trim();
  return {
    region, operation, ...(resource !== undefined ? { resource } : {}), code: scrubSecrets(codeOf(error)),
    message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message || codeOf(error),
  };
}

/** An abort of the whole audit is not one call's failure: it ends the audit. */
export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}
