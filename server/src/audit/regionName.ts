/**
 * An AWS region name (`us-east-1`, `us-gov-west-1`, `ap-southeast-4`). A region becomes part of the host name
 * a signed request goes to (`api.ecr.REGION.amazonaws.com`), so nothing else is let through. No SDK here:
 * the CLI and the language server check names with it before loading the audit.
 */
export function isRegionName(region: string): boolean {
  return /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(region);
}
