import * as assert from 'assert';
import { Finding } from '../../server/src/core/model';
import { shiftFindings } from '../../server/src/core/stability';

function finding(offset: number, related: Finding['related']): Finding {
  return {
    rule: 'untrusted-account', severity: 'warning', span: { offset, length: 5 }, message: 'm', related,
    data: { rule: 'untrusted-account', documentIndex: 0, statementIndex: 0, statementSpan: { offset: 0, length: 100 } },
  };
}

describe('core: findings kept while typing move with the text', () => {
  const inDocument = { span: { offset: 10, length: 4 }, message: 'Default of parameter Partner' };
  const inTrustList = { file: '/w/.ecr-trust.json', line: 3, message: 'trusted here' };

  it('moves a related location in the same document along with an edit before it', () => {
    const [moved] = shiftFindings([finding(50, [inDocument, inTrustList])], 2, 2, 3);
    assert.deepStrictEqual(moved.span, { offset: 53, length: 5 });
    assert.deepStrictEqual(moved.related, [{ ...inDocument, span: { offset: 13, length: 4 } }, inTrustList]);
  });

  it('keeps a related location an edit after it does not touch, and drops one the edit changed', () => {
    assert.deepStrictEqual(shiftFindings([finding(50, [inDocument])], 30, 31, 0)[0].related, [inDocument]);
    assert.deepStrictEqual(shiftFindings([finding(50, [inDocument, inTrustList])], 11, 12, 1)[0].related, [inTrustList]);
  });
});
