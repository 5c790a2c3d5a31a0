// Every file of the example workspace gets exactly the findings the README's rules give it: rule (with its
// README link), severity, range (the offending string, found in the file's text) and source. The same
// expectations as `node server/out/cli.js scan examples`, written out here.
'use strict';
const assert = require('assert');
const { ERROR, WARNING, INFORMATION, openDocument, expectFindings, ours, serverCaughtUp, summarize } = require('./helpers');

// [rule, severity, offending text | [text, occurrence], message pattern]
const EXPECTED = {
  'public-repository.json': [
    ['wildcard-principal', ERROR, '"*"', /^Public: anyone may pull \(Principal "\*"; no binding condition\)$/],
    ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"', /StringEqualsIfExists on aws:PrincipalOrgID does not bind/],
  ],
  'external-push.json': [
    // staging (222233334444) is trusted for pull only; ci-builder's push grant matches its trust; the
    // organisation-wide ecr:* counts as external write.
    ['external-write', ERROR, '"ecr:Put*"', /^Account 222233334444 \(staging, trusted for pull only\): may push and change policy/],
    ['external-write', ERROR, '"ecr:*"', /^Every account of organisation o-a1b2c3d4e5: may push/],
  ],
  'untrusted-account.json': [
    // only the vendor's ARN, not the own account beside it
    ['untrusted-account', WARNING, '"arn:aws:iam::444455556666:role/scanner"', /^Account 444455556666 \(untrusted\): not on \.ecr-trust\.json$/],
  ],
  'org-pull-only.json': [],   // bound to the organisation; the Deny statement is never a finding
  's3-bucket-policy.json': [],   // not an ECR policy
  '.ecr-trust.json': [],   // a valid trust list
  'terraform/ecr.tf': [
    ['wildcard-principal', ERROR, ['"*"', 0], /^Public: anyone may pull, push and change policy/],   // jsonencode
    ['external-write', ERROR, '"ecr:Put*"', /^Everyone \(Principal "\*"\): may push and change policy/],
    ['wildcard-principal', ERROR, ['"*"', 1], /ForAllValues:StringEquals on aws:PrincipalOrgID does not bind/],   // heredoc
  ],
  'terraform/policies.tf': [
    // local.consumer_accounts resolves to a list with the untrusted vendor account: marked on the reference
    ['untrusted-account', WARNING, 'local.consumer_accounts', /^Account 444455556666 \(untrusted\): not on \.ecr-trust\.json$/],
    ['unresolved-principal', INFORMATION, 'var.extra_readers', /^Cannot check var\.extra_readers: not a literal account$/],
  ],
};

suite('diagnostics of the example workspace', () => {
  const documents = {};

  suiteSetup(async () => {
    for (const file of Object.keys(EXPECTED)) documents[file] = await openDocument(file);
    await serverCaughtUp();
  });

  for (const [file, rows] of Object.entries(EXPECTED)) {
    test(`${file}: ${rows.length ? rows.map((r) => r[0]).join(', ') : 'nothing'}`, async () => {
      const document = documents[file];
      if (file.endsWith('.tf')) assert.strictEqual(document.languageId, 'terraform', 'the extension declares the terraform language for .tf');
      if (rows.length) await expectFindings(document, rows);
      else assert.deepStrictEqual(summarize(ours(document.uri)), []);
    });
  }
});
