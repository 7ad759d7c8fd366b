import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HoverRequest, MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { copyFixture, EXAMPLE, TestClient } from './lspClient';

describe('hover over LSP', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient | undefined;

  beforeEach(() => {
    root = copyFixture(EXAMPLE);
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Starts a client and waits until the index is complete (the config's coverage findings are out). */
  async function start(options: Partial<Parameters<typeof TestClient.start>[0]> = {}): Promise<TestClient> {
    client = await TestClient.start({ root, settings: { today: '2026-11-16' }, ...options });
    await client.waitForDiagnostics('compliance-docs.yml', (d) => d.some((x) => x.code === 'uncovered-criterion'));
    return client;
  }

  async function hover(c: TestClient, rel: string, line: number, character: number): Promise<Hover | null> {
    return c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: c.uri(rel) }, position: { line, character } });
  }

  it('on CC9.2 in a control: the explanation, the coverage state and the documents that map it, as links', async () => {
    const c = await start();
    const h = await hover(c, 'controls/vendor-review.md', 6, 13);
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 16 } });
    const content = h.contents as MarkupContent;
    assert.equal(content.kind, MarkupKind.Markdown);
    assert.ok(content.value.startsWith('**CC9.2** Vendor and partner risk\n\nCC9 Risk Mitigation · Security\n\nVendors and partners that touch the system'), content.value);
    // Why the state is what it is, in the matrix's words, then the legend's meaning.
    assert.ok(content.value.includes("**Coverage: stale.** VR-01: its newest evidence is from 2025-10-14, and a newer record was due by 2026-10-14.\n\nAn approved control with existing evidence maps it, but the control's review or its newest evidence is out of date."), content.value);
    assert.ok(content.value.includes(`- [VR-01](${c.uri('controls/vendor-review.md')}#L1) Annual review of critical vendors' SOC reports: control, stale`), content.value);
  });

  it('says why a criterion is in exception, and why one is claimed (stale)', async () => {
    const c = await start();
    const exception = await hover(c, 'controls/change-audit.md', 6, 20);
    assert.ok(exception);
    assert.deepEqual(exception.range, { start: { line: 6, character: 18 }, end: { line: 6, character: 23 } });
    const why = (exception.contents as MarkupContent).value;
    assert.ok(
      why.includes('**Coverage: exception.** CM-02: reviewed 2026-02-16, next due 2027-02-16; newest evidence 2026-09-24; but no dated evidence for 2026-Q2 (2026-04-01 to 2026-06-30) of the period.\n\nType II: the best control'),
      why,
    );
    const stale = await hover(c, 'policies/code-of-conduct.md', 5, 27);
    assert.ok(stale);
    assert.deepEqual(stale.range, { start: { line: 5, character: 25 }, end: { line: 5, character: 30 } });
    const claimed = (stale.contents as MarkupContent).value;
    assert.ok(claimed.includes('**Coverage: claimed (stale).** POL-CONDUCT is a policy past its review (due 2026-09-15); no control with current evidence maps CC1.5.'), claimed);
  });

  it('on a criterion in prose, in the text the editor holds', async () => {
    const c = await start();
    const rel = 'narratives/control-environment.md';
    const text = `${fs.readFileSync(path.join(root, rel), 'utf8')}\nBoard oversight (CC1.2) is still being written up.\n`;
    await c.open(rel, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('Board oversight'));
    const h = await hover(c, rel, line, 20);
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line, character: 17 }, end: { line, character: 22 } });
    const value = (h.contents as MarkupContent).value;
    assert.ok(value.startsWith('**CC1.2** Board independence and oversight'), value);
    assert.ok(value.includes('**Coverage: uncovered.** No approved document maps it.'), value);
  });

  it('on a control id a policy lists: title, status, owner, review and evidence count', async () => {
    const c = await start();
    const h = await hover(c, 'policies/risk-management.md', 10, 12);
    assert.ok(h);
    assert.deepEqual(h.range, { start: { line: 10, character: 11 }, end: { line: 10, character: 16 } });
    const value = (h.contents as MarkupContent).value;
    assert.match(value, /^\*\*VM-01\*\* /);
    assert.match(value, /\n\ncontrol · approved · owner [^\n]+ · \[controls\/vulnerability-scanning\.md\]\(file:[^)]+#L1\)\n\n\*\*Review:\*\* last reviewed \d{4}-\d\d-\d\d, next due \d{4}-\d\d-\d\d \(in \d+ days, annual cycle\)\.\n\n\*\*Evidence:\*\* \d+ existing/);
  });

  it('answers in plain text to a client that asks for it', async () => {
    const c = await start({ capabilities: { textDocument: { hover: { contentFormat: [MarkupKind.PlainText] } } } });
    const h = await hover(c, 'controls/vendor-review.md', 6, 13);
    const content = h?.contents as MarkupContent;
    assert.equal(content.kind, MarkupKind.PlainText);
    assert.ok(content.value.startsWith('CC9.2 Vendor and partner risk\n'), content.value);
    assert.ok(content.value.includes('- VR-01 (controls/vendor-review.md:1)'), content.value);
  });

  it('has nothing to say between symbols', async () => {
    const c = await start();
    assert.equal(await hover(c, 'controls/vendor-review.md', 20, 3), null);
  });
});
