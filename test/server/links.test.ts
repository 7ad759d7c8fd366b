import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentLinkRequest, type DocumentLink, type Range } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('document links over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  const rangeOf = (rel: string, needle: string): Range => {
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const at = text.indexOf(needle);
    assert.ok(at >= 0, `${needle} in ${rel}`);
    const doc = TextDocument.create('file:///x', 'markdown', 1, text);
    return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
  };
  const links = async (rel: string): Promise<DocumentLink[]> => {
    await client.open(rel);
    return (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri: client.uri(rel) } })) ?? [];
  };

  before(async () => {
    root = copyFixture(EXAMPLE);
    client = await TestClient.start({ root });
    await client.waitForNotification<{ complete: boolean }>('complianceDocs/indexChanged', (p) => p.complete);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('links each evidence path to its file and each evidence URL to itself, with a tooltip', async () => {
    const rel = 'controls/code-review.md';
    const url = 'https://github.com/harborview/infra/blob/main/github/rulesets.tf';
    const file = (q: string, date: string): DocumentLink => ({
      range: rangeOf(rel, `/evidence/${q}/merged-pr-sample.csv`),
      target: client.uri(`evidence/${q}/merged-pr-sample.csv`),
      tooltip: `Open evidence evidence/${q}/merged-pr-sample.csv (dated ${date})`,
    });
    assert.deepEqual(await links(rel), [
      { range: rangeOf(rel, url), target: url, tooltip: `Open ${url} (dated 2026-01-12)` },
      file('2026-Q1', '2026-03-31'),
      file('2026-Q2', '2026-06-30'),
      file('2026-Q3', '2026-09-30'),
      file('2026-Q4', '2026-11-06'),
    ]);
  });

  it('gives no link for a path outside the repository or a file that does not exist', async () => {
    const pentest = (await links('controls/penetration-test.md')).map((l) => l.target);
    assert.deepEqual(pentest, [client.uri('evidence/2026-Q2/pentest-remediation.csv'), 'https://harborview.atlassian.net/browse/SEC-431']);
    const deprovisioning = (await links('controls/deprovisioning.md')).map((l) => l.target ?? '');
    assert.equal(deprovisioning.length, 4);
    assert.ok(!deprovisioning.some((t) => t.includes('offboardng')), JSON.stringify(deprovisioning));
  });

  it('links body links to other compliance documents', async () => {
    const rel = 'policies/change-management.md';
    const found = await links(rel);
    assert.deepEqual(found[0], { range: rangeOf(rel, '../controls/code-review.md'), target: client.uri('controls/code-review.md'), tooltip: 'Open controls/code-review.md (CM-01)' });
  });
});
