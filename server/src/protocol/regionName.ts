/**
 * An AWS region name (`us-east-1`, `us-gov-west-1`, `ap-southeast-4`). A region becomes part of the host name
 * a signed request goes to (`api.ecr.REGION.amazonaws.com`), so nothing else is let through: the client's
 * picker, the language server's request and the CLI all check names with this one test, before the audit
 * (and the SDK) is loaded. No imports: the client and the CLI bundle it.
 */
export function isRegionName(name: unknown): name is string {
  return typeof name === 'string' && /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(name);
}
