import * as assert from 'assert';
import { checkPolicies } from '../../server/src/core/analyze';
import { Finding, PolicyDocument, RelatedLocation, Str } from '../../server/src/core/model';
import { parseTrustList } from '../../server/src/core/trust';

/**
 * A value defined somewhere else than where the policy uses it (a CloudFormation parameter's Default) is
 * reported where it is used, with the definition as related information, whatever rule finds it.
 */
const span = (offset: number, length = 5) => ({ offset, length });

function document(principal: Str, action: Str): PolicyDocument {
  return {
    span: span(0, 500),
    syntax: { kind: 'yaml' },
    statements: [{
      index: 0,
      span: span(0, 400),
      effect: { value: 'Allow', span: span(10) },
      principalKey: { value: 'Principal', span: span(20) },
      notPrincipal: false,
      principals: [{ kind: 'AWS', value: principal }],
      actionKey: { value: 'Action', span: span(40) },
      notAction: false,
      actions: [action],
      conditions: [],
    }],
    ecrRelevant: true,
  };
}

/** The related locations besides the finding's long form, which sits on its statement. */
function elsewhere(finding: Finding): RelatedLocation[] {
  const { statementSpan } = finding.data;
  return finding.related.filter((related) => related.span?.offset !== statementSpan.offset || related.span.length !== statementSpan.length);
}

describe('findings on values defined elsewhere', () => {
  it('carry the definition as related information, without a file', () => {
    const principal: Str = { value: '444455556666', span: span(100, 19), definedAt: { span: span(300, 14), message: 'Default of parameter Partner' } };
    const findings = checkPolicies([document(principal, { value: 'ecr:PutImage', span: span(200, 12) })]);
    assert.deepStrictEqual(findings.map((finding) => ({ rule: finding.rule, at: finding.span.offset, related: elsewhere(finding) })), [
      { rule: 'untrusted-account', at: 100, related: [{ span: span(300, 14), message: 'Default of parameter Partner' }] },
      { rule: 'external-write', at: 200, related: [] },
    ]);
  });

  it('pick the definition of the value the finding is about when one reference stands for several', () => {
    const at = span(100, 19);
    const first: Str = { value: '222233334444', span: at, definedAt: { span: span(300, 14), message: 'Mappings M.a.k' } };
    const second: Str = { value: '444455556666', span: at, definedAt: { span: span(320, 14), message: 'Mappings M.b.k' } };
    const doc = document(first, { value: 'ecr:BatchGetImage', span: span(200, 17) });
    doc.statements[0].principals.push({ kind: 'AWS', value: second });
    const trust = parseTrustList(JSON.stringify({ ownAccounts: ['222233334444'] }), '/w/.ecr-trust.json').list;
    const findings = checkPolicies([doc], { trust });
    assert.deepStrictEqual(findings.map((finding) => elsewhere(finding).map((related) => related.message)), [['Mappings M.b.k']]);
  });

  it('leave findings on literals as they were', () => {
    const findings = checkPolicies([document({ value: '444455556666', span: span(100, 14) }, { value: 'ecr:BatchGetImage', span: span(200, 17) })]);
    assert.deepStrictEqual(findings.map(elsewhere), [[]]);
  });
});
