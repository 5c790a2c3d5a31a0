import * as assert from 'assert';
import { LspClient, makeWorkspace, rangeOfText, removeFolder } from './lspClient';
import { trustList } from './policies';

const PUBLIC_TF = (comment: string): string => `data "aws_iam_policy_document" "pull" {
  ${comment}
  statement {
    sid = "PublicPull"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["ecr:BatchGetImage"]
  }
}

resource "aws_ecr_repository_policy" "base" {
  repository = "base"
  policy     = data.aws_iam_policy_document.pull.json
}
`;

describe('protocol: suppressions in the editor', () => {
  let workspace: string;
  let client: LspClient;

  before(async () => {
    workspace = makeWorkspace({ '.ecr-trust.json': trustList() });
    client = await LspClient.start({ workspace });
  });

  after(async () => {
    await client?.dispose();
    removeFolder(workspace);
  });

  it('a suppressed finding leaves the Problems panel; the comment hover lists it; a broken comment is a warning', async () => {
    const uri = client.uri('main.tf');
    const good = PUBLIC_TF('# ecr-guard-ignore wildcard-principal -- public base image');
    const published = await client.open(uri, good, 'terraform');
    assert.deepStrictEqual(published.diagnostics, []);
    const hover = await client.hover(uri, rangeOfText(good, 'ecr-guard-ignore').start);
    assert.match(JSON.stringify(hover?.contents), /Suppresses 1 finding.*public base image.*wildcard-principal/);
    await client.close(uri);

    const brokenUri = client.uri('broken.tf');
    const broken = PUBLIC_TF('# ecr-guard-ignore wildcard-principal');
    const reported = await client.open(brokenUri, broken, 'terraform');
    assert.deepStrictEqual(reported.diagnostics.map((diagnostic) => diagnostic.code), ['invalid-suppression', 'wildcard-principal']);
    assert.deepStrictEqual(reported.diagnostics[0].range, rangeOfText(broken, '# ecr-guard-ignore wildcard-principal'));
    await client.close(brokenUri);
  });
});
