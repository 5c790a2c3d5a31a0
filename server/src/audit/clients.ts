import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { ECRClient } from '@aws-sdk/client-ecr';

/**
 * Attempts per call. The SDK's adaptive mode retries throttling and transient errors with exponential
 * back-off and slows its own send rate when throttled; a few more attempts than the default 3 let a large
 * audit ride out a burst of throttling.
 */
const MAX_ATTEMPTS = 6;

/** A call that hangs is given up (and retried); connecting may take a while over a VPN or proxy. */
type CredentialProvider = ECRClient['config']['credentials'];

const REQUEST_HANDLER = { connectionTimeout: 10_000, requestTimeout: 30_000 };

/** What the SDK is given: the profile only. Endpoint and credentials come from the SDK's own settings. */
export interface ClientSettings { profile?: string }

/**
 * The ECR clients of an audit, one per region, sharing one credential provider: the standard chain
 * (environment, shared config and credentials files, profile, SSO, roles) resolves once, not once per region.
 * The endpoint is the SDK's standard setting (AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL, a profile's endpoint_url).
 */
export class AuditClients {
  private readonly clients = new Map<string, ECRClient>();
  private credentials?: CredentialProvider;

  constructor(private readonly settings: ClientSettings) {
    // The SDK warns on Node 20 that its future releases will need Node 22; this bundle pins its release, so the
    // warning would only be noise in the audit's output.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    // The SDK reads a profile's endpoint_url (and services section) from the AWS_PROFILE profile only: the
    // client's `profile` option reaches credentials and region but not configured endpoints
    // (@smithy/core's getEndpointFromConfig loads its config without it). The profile asked for is set as
    // AWS_PROFILE too, so that its endpoint_url is honoured as the user expects.
    if (settings.profile !== undefined) process.env.AWS_PROFILE = settings.profile;
  }

  ecr(region: string): ECRClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new ECRClient({
        region, retryMode: 'adaptive', maxAttempts: MAX_ATTEMPTS, requestHandler: REQUEST_HANDLER,
        ...(this.settings.profile !== undefined ? { profile: this.settings.profile } : {}),
        ...(this.credentials ? { credentials: this.credentials } : {}),
      });
      this.credentials ??= client.config.credentials;
      this.clients.set(region, client);
    }
    return client;
  }

  /** The credentials, resolved now: an audit without any stops before its first call, with the SDK's reason. */
  async resolveCredentials(region: string): Promise<void> {
    await this.ecr(region).config.credentials();
  }

  /** Every region enabled for the account (Account API ListRegions, every page). */
  async enabledRegions(signal?: AbortSignal): Promise<string[]> {
    const client = new AccountClient({
      // The Account API is global; its endpoint in the aws partition is in us-east-1.
      region: 'us-east-1', retryMode: 'adaptive', maxAttempts: MAX_ATTEMPTS, requestHandler: REQUEST_HANDLER,
      ...(this.settings.profile !== undefined ? { profile: this.settings.profile } : {}),
      ...(this.credentials ? { credentials: this.credentials } : {}),
    });
    try {
      const regions: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50, NextToken: nextToken }), { abortSignal: signal });
        for (const region of page.Regions ?? []) if (region.RegionName) regions.push(region.RegionName);
        nextToken = page.NextToken;
      } while (nextToken);
      return regions.sort();
    } finally {
      client.destroy();
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
