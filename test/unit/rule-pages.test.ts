import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULE_IDS } from '../../server/src/core/rules/metadata';

/** scripts/rule-pages.mjs: the page per rule the build cuts from the README, which diagnostics link to. */

const ROOT = path.resolve(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const load = () => import('../../scripts/rule-pages.mjs');

describe('rule pages (scripts/rule-pages.mjs)', () => {
  it('cuts one page per rule from the README, and no page for other headings under "## Rules"', async () => {
    const { rulePages } = await load();
    const pages = rulePages(README);
    assert.deepStrictEqual(pages.map((page) => page.rule).sort(), [...RULE_IDS].sort());
    assert.ok(!pages.some((page) => /registry policy scope/i.test(page.text.split('\n').find((line) => line.startsWith('# ')) ?? '')));
  });

  it('each page is its rule\'s README section, word for word but for links, under the rule as its title', async () => {
    const { rulePages } = await load();
    for (const page of rulePages(README)) {
      const start = README.indexOf(`\n### ${page.rule}\n`);
      assert.ok(start >= 0, page.rule);
      const end = README.slice(start + 1).search(/\n#{1,3} /);
      const section = README.slice(start + 1, start + 1 + end).split('\n').slice(1).join('\n').trim();
      const unlinked = (text: string): string => text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/"([^"]+)" in the README/g, '$1');
      assert.ok(page.text.includes(`\n# ${page.rule}\n`), page.rule);
      assert.ok(unlinked(page.text).includes(unlinked(section)), `${page.rule}: the page holds the README section`);
    }
  });

  it('rewrites links so they work beside the installed pages: rules to pages, docs/ one folder up, other README sections to text', async () => {
    const { rulePages, RULE_PAGES_DIR } = await load();
    const readme = '## Rules\n\n### first-rule\n\nSee [second-rule](#second-rule), [the facts](docs/facts.md), [Suppressing](#suppressing-findings) and [AWS](https://docs.aws.amazon.com/).\n\n### second-rule\n\nText.\n\n### Not a rule: a note\n\nMore.\n\n## Next\n\n### third-rule\n';
    const pages = rulePages(readme);
    assert.deepStrictEqual(pages.map((page) => page.file), ['first-rule.md', 'second-rule.md']);
    assert.match(pages[0].text, /See \[second-rule\]\(second-rule\.md\), \[the facts\]\(\.\.\/facts\.md\), "Suppressing" in the README and \[AWS\]\(https:\/\/docs\.aws\.amazon\.com\/\)\./);
    assert.doesNotMatch(pages[1].text, /More\./, 'a heading that is not a rule ends the section');
    assert.strictEqual(RULE_PAGES_DIR, 'docs/rules');
  });

  it('every relative link of the real pages points at a file that ships beside them', async () => {
    const { rulePages, RULE_PAGES_DIR } = await load();
    for (const page of rulePages(README)) {
      for (const [, target] of page.text.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const resolved = path.join(ROOT, RULE_PAGES_DIR, target);
        const shipped = path.basename(path.dirname(resolved)) === 'rules' ? RULE_IDS.some((rule) => `${rule}.md` === path.basename(resolved)) : fs.existsSync(resolved);
        assert.ok(shipped, `${page.file}: ${target}`);
      }
    }
  });
});
