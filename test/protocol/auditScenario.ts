import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFile } from 'child_process';
import { CLI_JS, requireBuild } from './lspClient';
import { FakeScenario } from '../support/fakeEcr';

/**
 * The "Done when" account of issue 15: one account (111122223333) in two regions, with each kind of
 * dangerous grant, a missing policy, a repository whose policy cannot be read, throttling, replication to
 * an untrusted account, and a repository whose policy drifted from the workspace's Terraform.
 */
export const ACCOUNT = '111122223333';
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const statement = (sid: string, principal: unknown, action: string[] | string, extra: object = {}): object => ({ Sid: sid, Effect: 'Allow', Principal: principal, Action: action, ...extra });
const policy = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });

export const arn = (region: string, name: string): string => `arn:aws:ecr:${region}:${ACCOUNT}:repository/${name}`;

export function auditScenario(): FakeScenario {
  return {
    account: ACCOUNT,
    throttleFirst: 3,
    pageSize: 2,
    regions: {
      'us-east-1': {
        repositories: [
          { name: 'public-base', policy: policy(statement('Public', '*', PULL)) },
          { name: 'ci-push', policy: policy(statement('PartnerPush', { AWS: 'arn:aws:iam::444455556666:root' }, [...PULL, 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'])) },
          { name: 'partner-pull', policy: policy(statement('PartnerPull', { AWS: '777788889999' }, PULL)) },
          { name: 'lambda-pull', policy: policy(statement('LambdaPull', { Service: 'lambda.amazonaws.com' }, PULL)) },
          { name: 'denied' , policy: policy(statement('Hidden', '*', PULL)) },
          { name: 'no-policy' },
        ],
        replication: { rules: [{ destinations: [{ region: 'eu-west-1', registryId: '999988887777' }] }] },
      },
      'eu-west-1': {
        repositories: [
          { name: 'app', policy: policy(statement('StagingPull', { AWS: 'arn:aws:iam::222233334444:root' }, [...PULL, 'ecr:PutImage'])) },
          // As the Terraform says, in another order, case and shape: not drift.
          { name: 'same', policy: policy(statement('StagingPull', { AWS: ['arn:aws:iam::222233334444:root'] }, ['ecr:getdownloadurlforlayer', 'ecr:batchgetimage'])) },
          { name: 'plain-1' }, { name: 'plain-2' }, { name: 'plain-3' },
        ],
      },
    },
    denied: [{ operation: 'GetRepositoryPolicy', region: 'us-east-1', repository: 'denied' }],
  };
}

const TERRAFORM = `
resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "StagingPull"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222233334444:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}

resource "aws_ecr_repository_policy" "same" {
  repository = "same"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "StagingPull"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::222233334444:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
`;

/** A workspace with the Terraform above and a trust list: the audited account is own, staging is trusted to pull. */
export function auditWorkspace(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ecr-guard-audit-'));
  fs.writeFileSync(path.join(folder, 'main.tf'), TERRAFORM);
  fs.writeFileSync(path.join(folder, '.ecr-trust.json'), JSON.stringify({ ownAccounts: [ACCOUNT], trustedAccounts: { '222233334444': { name: 'staging', access: 'pull' } } }, null, 2));
  return folder;
}

export interface AuditRun { code: number; stdout: string; stderr: string }

/** The built CLI, run without blocking this process: the fake endpoint answers from its event loop. */
export function auditCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<AuditRun> {
  requireBuild(CLI_JS);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI_JS, 'audit', ...args], { cwd, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
