import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commit, git, initRepo } from '../gitRepo';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { TestClient } from './lspClient';

const REL = 'policies/access.md';
const CONFIG = 'categories: [security]\nrules:\n  uncovered-criterion: off\n  vendor-inventory-missing: off\n';

function policy(body: string, review = '2026-03-01'): string {
  return `---\nid: POL-ACCESS\ntype: policy\ntitle: Access Control Policy\nowner: security-lead\ncriteria: [CC6.1]\nlast_reviewed: ${review}\n---\n\n# Access control\n\n${body}\n`;
}

const CODE = 'body-changed-after-review';

describe('body-changed-after-review in the editor', function () {
  this.timeout(30000);
  const dirs: string[] = [];
  let client: TestClient | undefined;
  const repo = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-lsp-git-'));
    dirs.push(dir);
    initRepo(dir);
    commit(dir, '2026-03-02', 'Add the policy', { 'compliance-docs.yml': CONFIG, [REL]: policy('Least privilege.'), 'policies/other.md': policy('Other.').replace('POL-ACCESS', 'POL-OTHER') });
    return dir;
  };
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reports a body changed by a commit after the review, on the review date', async () => {
    const root = repo();
    commit(root, '2026-05-10', 'Allow contractors', { [REL]: policy('Least privilege, contractors included.') });
    client = await TestClient.start({ root });
    const d = await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === CODE));
    const f = d.find((y) => y.code === CODE);
    assert.deepEqual(f?.range, { start: { line: 6, character: 15 }, end: { line: 6, character: 25 } });
    assert.match(String(f?.message), /^The body was changed on 2026-05-10 by commit [0-9a-f]{10} \(“Allow contractors”\), after the last review on 2026-03-01/);
  });

  it('reports unsaved and uncommitted body edits, and not frontmatter edits', async () => {
    const root = repo();
    // Saved, not committed.
    fs.writeFileSync(path.join(root, 'policies/other.md'), policy('Other, edited.').replace('POL-ACCESS', 'POL-OTHER'));
    client = await TestClient.start({ root });
    const saved = await client.waitForDiagnostics('policies/other.md', (x) => x.some((y) => y.code === CODE));
    assert.match(String(saved.find((y) => y.code === CODE)?.message), /^The body has edits not yet committed, and the last review was on 2026-03-01/);
    // Unsaved: an edit to the body is reported; undoing it clears it; an edit to the frontmatter alone is not a body edit.
    await client.open(REL);
    await client.change(REL, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } }, text: 'New rule. ' }]);
    await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === CODE));
    await client.change(REL, [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: 10 } }, text: '' }]);
    await client.waitForDiagnostics(REL, (x) => !x.some((y) => y.code === CODE));
    await client.change(REL, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } }, text: 'ownr' }]);
    const fm = await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === 'missing-owner'));
    assert.ok(!fm.some((y) => y.code === CODE), JSON.stringify(fm));
  });

  it('reads history again when HEAD moves: a commit of an edit on disk turns "not yet committed" into the commit', async () => {
    const root = repo();
    client = await TestClient.start({ root });
    fs.writeFileSync(path.join(root, REL), policy('Least privilege, contractors included.'));
    await client.filesChanged([{ rel: REL, type: FileChangeType.Changed }]);
    const before = await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === CODE));
    assert.match(String(before.find((y) => y.code === CODE)?.message), /not yet committed/);
    commit(root, '2026-05-10', 'Allow contractors');
    await client.filesChanged([{ rel: '.git/logs/HEAD', type: FileChangeType.Changed }, { rel: '.git/refs/heads/main', type: FileChangeType.Changed }]);
    const after = await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === CODE && /by commit/.test(String(y.message))));
    assert.match(String(after.find((y) => y.code === CODE)?.message), /^The body was changed on 2026-05-10 by commit [0-9a-f]{10} \(“Allow contractors”\)/);
  });

  it('tells the user once that a shallow clone has no history to read', async () => {
    const full = repo();
    commit(full, '2026-05-10', 'Allow contractors', { [REL]: policy('Contractors included.').replace('owner: security-lead\n', '') });
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-lsp-shallow-'));
    dirs.push(parent);
    const root = path.join(parent, 'clone');
    git(parent, ['clone', '-q', '--depth', '1', `file://${full}`, root]);
    client = await TestClient.start({ root });
    const shown = await client.waitForNotification<{ type: number; message: string }>('window/showMessage', (p) => /shallow clone/.test(p.message));
    assert.match(shown.message, /fetch-depth: 0/);
    const d = await client.waitForDiagnostics(REL, (x) => x.some((y) => y.code === 'missing-owner'));
    assert.ok(!d.some((y) => y.code === CODE));
    assert.equal(client.notifications.filter((n) => n.method === 'window/showMessage').length, 1);
  });
});
