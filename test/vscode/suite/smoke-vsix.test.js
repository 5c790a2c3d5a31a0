// Smoke test, run twice by run.mjs: against the working tree, and (ECR_GUARD_SUITE=vsix, only smoke*.test.js)
// against ecr-guard.vsix installed into a fresh extensions dir. Diagnostics in a JSON policy, a .tf policy and
// a CloudFormation template prove the package carries its server, its dependencies (the YAML parser among
// them) and the tree-sitter WebAssembly files.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { extension, openDocument, expectFindings, waitForDiagnostics, copyWorkspaceFile, removeWorkspaceCopy, ERROR, WARNING } = require('./helpers');

const fromVsix = process.env.ECR_GUARD_SUITE === 'vsix';

suite(`smoke (${fromVsix ? 'installed ecr-guard.vsix' : 'working tree'})`, () => {
  test('the extension is the one under test and carries its server files', () => {
    const ext = extension();
    const where = path.resolve(ext.extensionPath);
    if (fromVsix) {
      const dir = process.env.ECR_GUARD_EXTENSIONS_DIR;
      assert.ok(dir, 'run.mjs / run-offline.js set ECR_GUARD_EXTENSIONS_DIR for the VSIX run');
      assert.ok(where.startsWith(path.resolve(dir) + path.sep), `${where} is under the extensions dir the VSIX went into (${dir})`);
      assert.ok(!fs.existsSync(path.join(where, 'server', 'src')), 'the package holds no sources');
    } else {
      assert.ok(fs.existsSync(path.join(where, 'server', 'src')), `${where} is the development folder`);
    }
    for (const file of ['client/out/extension.js', 'server/out/server.js', 'server/out/tree-sitter.wasm', 'server/out/tree-sitter-terraform.wasm']) {
      assert.ok(fs.existsSync(path.join(where, file)), `${file} is in ${where}`);
    }
  });

  test('a JSON policy gets its diagnostics', async () => {
    const document = await openDocument('public-repository.json');
    await expectFindings(document, [['wildcard-principal', ERROR, '"*"'], ['wildcard-principal', ERROR, '"arn:aws:iam::*:root"']], 25000);
    assert.ok(extension().isActive);
  });

  test('a Terraform policy gets its diagnostics (the WebAssembly parser loads)', async () => {
    const document = await openDocument('terraform/ecr.tf');
    await expectFindings(document, [['wildcard-principal', ERROR, ['"*"', 0]], ['external-write', ERROR, '"ecr:Put*"'], ['wildcard-principal', ERROR, ['"*"', 1]]], 25000);
  });

  test('a CloudFormation template (YAML) gets its diagnostics', async () => {
    // a copy, removed with its findings afterwards: the example's findings stay out of the screenshots
    copyWorkspaceFile('cloudformation/repositories.yaml', 'smoke-cloudformation/repositories.yaml');
    try {
      const document = await openDocument('smoke-cloudformation/repositories.yaml');
      await expectFindings(document, [['wildcard-principal', ERROR, "'*'"], ['external-write', ERROR, 'ecr:*'], ['untrusted-account', WARNING, '!Ref PartnerAccount'],
        ['untrusted-account', WARNING, 'arn:aws:iam::777788889999:root'], ['external-write', ERROR, 'ecr:ReplicateImage'], ['external-write', ERROR, 'ecr:CreateRepository']], 25000);
    } finally {
      await removeWorkspaceCopy('smoke-cloudformation/repositories.yaml', 'smoke-cloudformation');
    }
  });

  test('the rule links (diagnostic code targets) open a README that is in the extension', async () => {
    const document = await openDocument('public-repository.json');
    const [diagnostic] = await waitForDiagnostics(document.uri, (d) => d.length > 0, 25000);
    const target = diagnostic.code.target;
    // On a case-sensitive file system the link must name the file exactly as installed (vsce packs
    // README.md as extension/readme.md).
    const names = fs.readdirSync(path.dirname(target.fsPath)).filter((f) => /^readme\.md$/i.test(f));
    assert.ok(fs.existsSync(target.fsPath) && names.includes(path.basename(target.fsPath)),
      `${target.fsPath} exists (the extension folder has: ${names.join(', ') || 'no README'})`);
  });
});
