// Hovers: a principal shows the account's name, access and trust list line; a wildcard action lists the
// ECR actions it matches.
'use strict';
const assert = require('assert');
const { openDocument, expectFindings, hoverText, rangeOfText, ERROR } = require('./helpers');

suite('hovers', () => {
  let document;

  suiteSetup(async () => {
    document = await openDocument('external-push.json');
    // the server has the document once its findings are there
    await expectFindings(document, [['external-write', ERROR, '"ecr:Put*"'], ['external-write', ERROR, '"ecr:*"']]);
  });

  test('on a trusted principal: account, name, access and the trust list line', async () => {
    const at = rangeOfText(document, '"arn:aws:iam::222233334444:root"').start.translate(0, 5);
    const text = await hoverText(document.uri, at);
    assert.match(text, /Account 222233334444/);
    assert.match(text, /"staging"/);
    assert.match(text, /\*\*pull\*\*/);
    assert.match(text, /\.ecr-trust\.json, line 5\b/);
  });

  test('on a principal trusted for push, with an expiry', async () => {
    const text = await hoverText(document.uri, rangeOfText(document, '"arn:aws:iam::333344445555:role/ci"').start.translate(0, 20));
    assert.match(text, /Account 333344445555/);
    assert.match(text, /"ci-builder"/);
    assert.match(text, /\*\*push\*\*/);
    assert.match(text, /2027-03-31/);
  });

  test('on a wildcard action: the nine ECR actions ecr:Put* matches, with access levels', async () => {
    const text = await hoverText(document.uri, rangeOfText(document, '"ecr:Put*"').start.translate(0, 3));
    assert.match(text, /`ecr:Put\*` matches 9 ECR actions/);
    // Grouped by access level, a line each, not a row per action.
    assert.match(text, /^- \*\*Write \(8\):\*\* .*\bPutImage\b/m);
    assert.match(text, /^- \*\*Permissions management \(1\):\*\* PutRegistryPolicy$/m);
  });

  test('in Terraform: on a wildcard principal and an action', async () => {
    const tf = await openDocument('terraform/ecr.tf');
    await expectFindings(tf, [['wildcard-principal', ERROR, ['"*"', 0]], ['external-write', ERROR, '"ecr:Put*"'], ['wildcard-principal', ERROR, ['"*"', 1]]]);
    assert.match(await hoverText(tf.uri, rangeOfText(tf, '"*"').start.translate(0, 1)), /Any AWS principal/);
    assert.match(await hoverText(tf.uri, rangeOfText(tf, '"ecr:Put*"').start.translate(0, 3)), /`ecr:Put\*` matches 9 ECR actions/);
  });
});
