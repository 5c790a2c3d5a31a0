import * as assert from 'assert';
import { accountHints } from '../../server/src/core/accountHints';
import { analyzeFile } from '../../server/src/core/batch';
import { grantsInventory } from '../../server/src/core/inventory';
import { lensTitle, policyLenses } from '../../server/src/core/policyLens';
import { parseTrustList, TrustList } from '../../server/src/core/trust';

/** The pure builders behind the editor's inlay hints (after account IDs) and CodeLenses (above policies). */
const NOW = new Date('2026-06-01T12:00:00Z');
const TRUST = parseTrustList(JSON.stringify({
  ownAccounts: ['111122223333'],
  trustedAccounts: {
    '222233334444': { name: 'staging', access: 'pull' },
    '333344445555': { access: 'push' },
    '555566667777': { name: 'old-vendor', access: 'pull', expires: '2025-12-31' },
  },
}), '.ecr-trust.json').list;

const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
const PUSH = [...PULL, 'ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload'];
const arn = (account: string): string => `arn:aws:iam::${account}:root`;

/** `list`: null for no trust list at all. */
function analysed(statements: object[], list: TrustList | null = TRUST): { text: string; result: ReturnType<typeof analyzeFile> } {
  const trust = list ?? undefined;
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  return { text, result: analyzeFile({ name: 'policy.json', text }, { trust, now: NOW }) };
}

/** Each hint as `text before it => label`, where the text is the string it follows. */
function hintsOf(statements: object[], list: TrustList | null = TRUST): string[] {
  const { text, result } = analysed(statements, list);
  return accountHints(result.documents, { trust: list ?? undefined, now: NOW }).map((hint) => `${text.slice(text.lastIndexOf('"', hint.offset - 2), hint.offset)} => ${hint.label}`);
}

function lensesOf(statements: object[], list: TrustList | null = TRUST): string[] {
  const trust = list ?? undefined;
  const { result } = analysed(statements, list);
  return policyLenses(result.documents, grantsInventory(result.documents, result.findings, { trust, now: NOW })).map((lens) => lens.title);
}

describe('inlay hints after account IDs', () => {
  it('names a trusted account and its access, and says own, expired or untrusted for the others', () => {
    const principals = [arn('222233334444'), arn('111122223333'), arn('555566667777'), arn('444455556666'), arn('333344445555')];
    assert.deepStrictEqual(hintsOf([{ Effect: 'Allow', Principal: { AWS: principals }, Action: PULL }]), [
      `"${arn('222233334444')}" => staging · pull`,
      `"${arn('111122223333')}" => own`,
      `"${arn('555566667777')}" => expired`,
      `"${arn('444455556666')}" => untrusted`,
      `"${arn('333344445555')}" => push`,
    ]);
  });

  it('follows the account a condition binds a wildcard or a service to', () => {
    const hints = hintsOf([
      { Effect: 'Allow', Principal: '*', Action: PULL, Condition: { StringEquals: { 'aws:PrincipalAccount': '222233334444' } } },
      { Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: PULL, Condition: { StringEquals: { 'aws:SourceAccount': '444455556666' } } },
    ]);
    assert.deepStrictEqual(hints, ['"222233334444" => staging · pull', '"444455556666" => untrusted']);
  });

  it('says nothing of Deny statements, of public grants, or of any account when there is no trust list', () => {
    assert.deepStrictEqual(hintsOf([{ Effect: 'Deny', Principal: { AWS: arn('444455556666') }, Action: PUSH }, { Effect: 'Allow', Principal: '*', Action: PULL }]), []);
    assert.deepStrictEqual(hintsOf([{ Effect: 'Allow', Principal: { AWS: arn('444455556666') }, Action: PULL }], null), []);
  });

  it('gives one hint per string, naming each account when one string names several', () => {
    const { result } = analysed([{ Effect: 'Allow', Principal: { AWS: arn('444455556666') }, Action: PULL }]);
    const document = result.documents[0];
    const principal = document.statements[0].principals[0].value;
    // A Terraform local listing two accounts reaches the core as two principals at the same span.
    document.statements[0].principals.push({ kind: 'AWS', value: { ...principal, value: arn('222233334444') } });
    const hints = accountHints(result.documents, { trust: TRUST, now: NOW });
    assert.deepStrictEqual(hints.map((hint) => [hint.label, hint.accounts]), [['444455556666 untrusted, 222233334444 staging · pull', ['444455556666', '222233334444']]]);
  });
});

describe('CodeLens above each policy', () => {
  it('counts grants by access, marks those a rule reports as external, and ends with public', () => {
    assert.deepStrictEqual(lensesOf([
      { Sid: 'StagingPulls', Effect: 'Allow', Principal: { AWS: arn('222233334444') }, Action: PULL },
      { Sid: 'CiPushes', Effect: 'Allow', Principal: { AWS: arn('333344445555') }, Action: PUSH },
      { Sid: 'VendorPulls', Effect: 'Allow', Principal: { AWS: arn('444455556666') }, Action: PULL },
      { Sid: 'VendorPushes', Effect: 'Allow', Principal: { AWS: arn('555566667777') }, Action: PUSH },
      { Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: PULL },
    ]), ['1 pull · 1 pull external · 1 push · 1 push external · public']);
  });

  it('reads `2 pull · 1 push external · public` for the issue\'s example', () => {
    assert.deepStrictEqual(lensesOf([
      { Effect: 'Allow', Principal: { AWS: [arn('222233334444'), arn('333344445555')] }, Action: PULL },
      { Effect: 'Allow', Principal: { AWS: arn('444455556666') }, Action: PUSH },
      { Effect: 'Allow', Principal: '*', Action: PULL },
    ]), ['2 pull · 1 push external · public']);
  });

  it('says when a public grant writes, and when every grant is to the team\'s own accounts', () => {
    assert.deepStrictEqual(lensesOf([{ Effect: 'Allow', Principal: '*', Action: PUSH }]), ['public push']);
    assert.deepStrictEqual(lensesOf([{ Effect: 'Allow', Principal: { AWS: arn('111122223333') }, Action: PUSH }]), ['no cross-account grants']);
  });

  it('puts no lens on a policy that is not an ECR resource policy', () => {
    assert.deepStrictEqual(lensesOf([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), []);
  });

  it('counts unresolved grantees apart, and leaves replication grants (no policy) out', () => {
    const grantee = { kind: 'unresolved' as const, id: 'var.readers', trust: 'unchecked' as const };
    assert.strictEqual(lensTitle([{ documentIndex: 0, grantee, access: 'pull', rules: ['unresolved-principal'] }]), '1 unresolved');
    const { result } = analysed([{ Effect: 'Allow', Principal: { AWS: arn('222233334444') }, Action: PULL }]);
    const replication = { documentIndex: -1, grantee: { kind: 'account' as const, id: '444455556666', trust: 'untrusted' as const }, access: 'admin' as const, rules: [] };
    assert.deepStrictEqual(policyLenses(result.documents, [...grantsInventory(result.documents, result.findings, { trust: TRUST, now: NOW }), replication]).map((lens) => lens.title), ['1 pull']);
  });
});
