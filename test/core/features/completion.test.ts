import assert from 'node:assert/strict';
import { COMPLETION_LIMIT, completionListAt, completionsAt } from '../../../server/src/core/features/completion';
import type { CompletionEntry } from '../../../server/src/core/features/completionEntry';
import type { ComplianceWorkspace } from '../../../server/src/core/index/workspace';
import { joinLines, workspaceOf } from '../../helpers';

/** Removes the ‸ cursor and «» span markers; returns the text, the cursor offset and the marked span. */
function cursor(withMarkers: string): { text: string; offset: number; span: { start: number; end: number } } {
  let text = '';
  let offset = -1;
  const span = { start: -1, end: -1 };
  for (const ch of withMarkers) {
    if (ch === '‸') offset = text.length;
    else if (ch === '«') span.start = text.length;
    else if (ch === '»') span.end = text.length;
    else text += ch;
  }
  if (span.start < 0) span.start = span.end = offset;
  return { text, offset, span };
}

const CONFIG = joinLines('categories: [security, availability]', 'not_applicable:', '  CC6.4: "No offices"', 'rules:', '  missing-owner: off', '');

const POLICY = joinLines('---', 'id: POL-ACCESS', 'type: policy', 'title: Access control policy', 'owner: security-lead', 'criteria: [CC6.1]', 'last_reviewed: 2026-03-01', '---', '', '# Access', '');
const CONTROL = joinLines('---', 'id: AC-01', 'type: control', 'title: Quarterly access review', 'owner: it-lead', 'criteria: [CC6.2]', 'policies: [POL-ACCESS]', 'last_reviewed: 2026-06-01', '---', '');
const DRAFT_CONTROL = joinLines('---', 'id: AC-02', 'type: control', 'title: MFA', 'status: draft', 'criteria: [CC6.1]', '---', '');

function build(): ComplianceWorkspace {
  return workspaceOf({
    'compliance-docs.yml': CONFIG,
    'policies/access.md': POLICY,
    'controls/ac-01.md': CONTROL,
    'controls/ac-02.md': DRAFT_CONTROL,
    'evidence/2026-Q1/review.csv': 'x',
    'evidence/2026-Q2/review.csv': 'x',
    'evidence/2025-Q4/review.csv': 'x',
    'evidence/README.md': 'x',
    'evidence/notes.txt': 'x',
    'controls/attachments/screenshot.png': 'x',
  });
}

function complete(ws: ComplianceWorkspace, path: string, withMarkers: string): { items: CompletionEntry[]; span: { start: number; end: number } } {
  const { text, offset, span } = cursor(withMarkers);
  return { items: completionsAt(ws, path, text, offset), span };
}

const labels = (items: readonly CompletionEntry[]): string[] => [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0)).map((i) => i.label);

function doc(...frontmatter: string[]): string {
  return joinLines('---', ...frontmatter, '---', '', '# Body', '');
}

describe('completion', () => {
  describe('criterion IDs', () => {
    it('in a flow list: every criterion not yet listed, in-scope first, with titles, replacing nothing', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('id: AC-01', 'criteria: [CC6.2, ‸]'));
      const ids = labels(items);
      assert.ok(!ids.includes('CC6.2'));
      assert.equal(ids[0], 'CC1.1');
      assert.ok(ids.indexOf('A1.3') < ids.indexOf('C1.1'), 'availability is in scope, confidentiality is not');
      const cc61 = items.find((i) => i.label === 'CC6.1');
      assert.deepEqual(cc61 && { detail: cc61.detail, description: cc61.description, insertText: cc61.insertText, span: cc61.span }, { detail: 'Logical access security', description: 'claimed', insertText: 'CC6.1', span });
      assert.equal(items.find((i) => i.label === 'CC1.2')?.description, 'uncovered');
      assert.equal(items.find((i) => i.label === 'P4.2')?.description, 'out of scope');
    });

    it('replaces exactly the partial ID being typed, and the rest of the word after the cursor', () => {
      const ws = build();
      assert.deepEqual(complete(ws, 'controls/ac-01.md', doc('criteria: [CC6.2, «CC7‸»]')).items[0].span, cursor(doc('criteria: [CC6.2, «CC7‸»]')).span);
      const inside = complete(ws, 'controls/ac-01.md', doc('criteria: [«CC‸6.2»]'));
      assert.deepEqual(inside.items[0].span, inside.span);
      const quoted = complete(ws, 'controls/ac-01.md', doc("criteria: ['«CC7‸»']"));
      assert.deepEqual(quoted.items[0].span, quoted.span);
    });

    it('matches titles as well as IDs: the filter text is the ID and the title', () => {
      const { items } = complete(build(), 'controls/ac-01.md', doc('id: AC-01', 'criteria: [‸]'));
      // A client filters on filterText: typing "mal" must reach the criterion about malicious software.
      const hits = items.filter((i) => (i.filterText ?? i.label).toLowerCase().split(/\s+/).some((w) => w.startsWith('mal')));
      assert.deepEqual(hits.map((i) => i.label), ['CC6.8']);
    });

    it('says "not applicable" for a criterion scoped out, as everywhere else', () => {
      const ws = workspaceOf({ 'compliance-docs.yml': joinLines('not_applicable:', '  CC6.4: "No offices"', ''), 'controls/ac-01.md': doc('id: AC-01', 'criteria: [CC6.1]') });
      const { items } = complete(ws, 'controls/ac-01.md', doc('id: AC-01', 'criteria: [CC6.1, ‸]'));
      assert.equal(items.find((i) => i.label === 'CC6.4')?.description, 'not applicable');
    });

    it('right after a comma, inserts a space before the ID', () => {
      const { items, span } = complete(build(), 'controls/ac-01.md', doc('criteria: [CC6.2,‸]'));
      const cc61 = items.find((i) => i.label === 'CC6.1');
      assert.deepEqual(cc61 && { insertText: cc61.insertText, filterText: cc61.filterText, span: cc61.span }, { insertText: ' CC6.1', filterText: 'CC6.1 Logical access security', span });
    });

    it('in a flow list that is not closed yet, and one that spans lines', () => {
      const ws = build();
      const open = complete(ws, 'controls/ac-01.md', doc('id: AC-01', 'criteria: [CC6.2, «CC‸»', 'owner: it'));
      assert.deepEqual(open.items[0].span, open.span);
      assert.ok(!labels(open.items).includes('CC6.2'));
      const multi = complete(ws, 'controls/ac-01.md', doc('criteria: [CC6.2,', '  CC6.3, «C‸»]'));
      assert.deepEqual(multi.items[0].span, multi.span);
      assert.ok(!labels(multi.items).includes('CC6.3'));
    });

    it('in a block list, excluding the items above and below', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('criteria:', '  - CC6.2', '  - «CC‸»', '  - CC6.3', 'owner: x'));
      assert.deepEqual(items[0].span, span);
      const ids = labels(items);
      assert.ok(!ids.includes('CC6.2') && !ids.includes('CC6.3') && ids.includes('CC6.1'));
    });

    it("in comply's satisfies: {TSC: [...]} and its block form", () => {
      const ws = build();
      const flow = complete(ws, 'controls/ac-01.md', doc('name: Access', 'satisfies: {TSC: [CC6.1, «CC‸»]}'));
      assert.deepEqual(flow.items[0].span, flow.span);
      assert.ok(!labels(flow.items).includes('CC6.1'));
      const block = complete(ws, 'controls/ac-01.md', doc('name: Access', 'satisfies:', '  TSC:', '    - «CC6‸»'));
      assert.deepEqual(block.items[0].span, block.span);
      assert.equal(block.items[0].kind, 'criterion');
    });

    it('offers nothing in a markdown file that is not a compliance document', () => {
      assert.deepEqual(complete(build(), 'evidence/README.md', doc('criteria: [‸]')).items, []);
    });

    it('offers nothing in the body, in a comment or after the list is closed', () => {
      const ws = build();
      assert.deepEqual(complete(ws, 'controls/ac-01.md', joinLines('---', 'criteria: [CC6.2]', '---', '', 'See [CC‸')).items, []);
      assert.deepEqual(complete(ws, 'controls/ac-01.md', doc('criteria: [CC6.2] # CC‸')).items, []);
      assert.deepEqual(complete(ws, 'controls/ac-01.md', doc('criteria: [CC6.2]‸')).items, []);
    });
  });

  describe('document ids', () => {
    it('in controls: the control ids with titles, approved first', () => {
      const ws = build();
      const { items, span } = complete(ws, 'policies/access.md', doc('id: POL-ACCESS', 'controls: [‸]'));
      assert.deepEqual(labels(items), ['AC-01', 'AC-02']);
      assert.deepEqual({ detail: items[0].detail, description: items[0].description, span: items[0].span }, { detail: 'Quarterly access review', description: 'approved', span });
    });

    it('in policies: the policy ids, without those already listed', () => {
      const ws = build();
      assert.deepEqual(labels(complete(ws, 'controls/ac-02.md', doc('id: AC-02', 'policies:', '  - P‸')).items), ['POL-ACCESS']);
      assert.deepEqual(labels(complete(ws, 'controls/ac-01.md', doc('id: AC-01', 'policies: [POL-ACCESS, ‸]')).items), []);
    });
  });

  describe('enum values', () => {
    it('after status:, replacing the value typed so far', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('status: «dr‸»'));
      assert.deepEqual(labels(items), ['draft', 'approved', 'retired']);
      assert.deepEqual(items[0].span, span);
    });

    it('after type: with no space yet, inserting one', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('type:‸'));
      assert.deepEqual(labels(items), ['policy', 'procedure', 'control', 'narrative', 'vendor', 'risk', 'risk-assessment']);
      assert.deepEqual({ insertText: items[0].insertText, filterText: items[0].filterText, span: items[0].span }, { insertText: ' policy', filterText: 'policy', span });
    });

    it('after review_cycle: and frequency:', () => {
      const ws = build();
      assert.deepEqual(labels(complete(ws, 'controls/ac-01.md', doc('review_cycle: ‸')).items), ['annual', 'semiannual', 'quarterly', 'monthly']);
      assert.deepEqual(labels(complete(ws, 'controls/ac-01.md', doc('frequency: q‸')).items), ['continuous', 'daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual']);
    });

    it("offers today's date after last_reviewed:", () => {
      const ws = build();
      assert.deepEqual(labels(complete(ws, 'controls/ac-01.md', doc('last_reviewed: ‸')).items), ['2026-11-16']);
    });
  });

  describe('evidence paths', () => {
    it('lists the folder typed so far, relative to the document, folders first, filtered by the name typed', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('evidence:', '  - ../evidence/«2026‸»'));
      assert.deepEqual(labels(items), ['2026-Q1/', '2026-Q2/']);
      assert.deepEqual(items[0].span, span);
      assert.equal(items[0].kind, 'folder');
    });

    it('after path:, offering files and leaving out compliance documents', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('evidence:', '  - path: ../evidence/2026-Q1/«‸»', '    date: 2026-03-01'));
      assert.deepEqual(labels(items), ['../', 'review.csv']);
      assert.deepEqual(items[1].span, span);
      assert.deepEqual(labels(complete(ws, 'controls/ac-01.md', doc('evidence: [../evidence/‸]')).items), ['../', '2025-Q4/', '2026-Q1/', '2026-Q2/', 'README.md', 'notes.txt']);
    });

    it("with nothing typed: the document's folder and the repository's folders, written from the document", () => {
      const ws = build();
      const { items } = complete(ws, 'controls/ac-01.md', doc('evidence:', '  - ‸'));
      assert.deepEqual(labels(items), ['../', '../evidence/', '../policies/', 'attachments/']);
      assert.equal(items.find((i) => i.label === '../evidence/')?.filterText, 'evidence');
    });

    it('replaces the whole segment being edited, through its slash', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('evidence:', '  - ../«evi‸dence/»2026-Q1/review.csv'));
      assert.deepEqual(labels(items), ['evidence/']);
      assert.deepEqual(items[0].span, span);
    });
  });

  describe('frontmatter keys', () => {
    it('at the start of a line: the keys not yet present, with a snippet for lists', () => {
      const ws = build();
      const { items, span } = complete(ws, 'controls/ac-01.md', doc('id: AC-01', 'type: control', '«cr‸»', 'owner: x'));
      const keys = labels(items);
      assert.ok(!keys.includes('id') && !keys.includes('type') && !keys.includes('owner'));
      const criteria = items.find((i) => i.label === 'criteria');
      assert.deepEqual(criteria && { insertText: criteria.insertText, snippet: criteria.snippet, span: criteria.span }, { insertText: 'criteria: [$0]', snippet: true, span });
    });

    it('uses the key names configured under fields:', () => {
      const ws = workspaceOf({ 'compliance-docs.yml': joinLines('fields:', '  last_reviewed: [approval_date]', ''), 'policies/p.md': POLICY });
      const keys = labels(complete(ws, 'policies/p.md', doc('id: P', '‸')).items);
      assert.ok(keys.includes('approval_date') && !keys.includes('last_reviewed'));
    });
  });

  it('walks the documents at most once per request', () => {
    const ws = build();
    let walks = 0;
    const documents = ws.documents.bind(ws);
    const allIds = ws.allIds.bind(ws);
    ws.documents = () => (walks++, documents());
    ws.allIds = () => (walks++, allIds());
    for (const at of ['criteria: [‸]', 'controls: [‸]', 'owner: ‸', 'evidence: [‸]', '‸']) {
      walks = 0;
      complete(ws, 'policies/access.md', doc('id: POL-ACCESS', at));
      assert.ok(walks <= 1, `${at}: ${walks} walks`);
    }
  });

  describe('in compliance-docs.yml', () => {
    it('criterion IDs under not_applicable, uncovered first, without those listed', () => {
      const ws = build();
      const { items, span } = complete(ws, 'compliance-docs.yml', CONFIG.replace('  CC6.4: "No offices"', '  CC6.4: "No offices"\n  «CC‸»'));
      const ids = labels(items);
      assert.ok(!ids.includes('CC6.4') && !ids.includes('P4.2'));
      assert.equal(items.find((i) => i.label === ids[0])?.description, 'uncovered');
      assert.deepEqual({ insertText: items[0].insertText, span: items[0].span }, { insertText: `${items[0].label}: "$0"`, span });
    });

    it('categories, rule codes and severities', () => {
      const ws = build();
      assert.deepEqual(labels(complete(ws, 'compliance-docs.yml', CONFIG.replace('availability]', 'availability, ‸]')).items), ['confidentiality', 'processing_integrity', 'privacy']);
      const rules = labels(complete(ws, 'compliance-docs.yml', CONFIG.replace('  missing-owner: off', '  missing-owner: off\n  stale‸')).items);
      assert.ok(rules.includes('stale-review') && !rules.includes('missing-owner'));
      assert.deepEqual(labels(complete(ws, 'compliance-docs.yml', CONFIG.replace('missing-owner: off', 'missing-owner: ‸')).items), ['error', 'warning', 'info', 'hint', 'off']);
    });
  });
});

describe('completion of long lists', () => {
  const policies = (n: number): Record<string, string> => {
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) {
      const id = `POL-${String(i).padStart(4, '0')}`;
      files[`policies/p${i}.md`] = joinLines('---', `id: ${id}`, 'type: policy', `title: Policy ${i === 7 ? 'on backups' : String(i)}`, `owner: owner${i}@example.com`, i % 3 === 0 ? 'status: draft' : 'status: approved', '---', '');
    }
    return files;
  };
  const control = (line: string): { text: string; offset: number } => {
    const { text, offset } = cursor(joinLines('---', 'id: AC-01', 'type: control', line, '---', ''));
    return { text, offset };
  };

  it('offers every id while there are at most COMPLETION_LIMIT, and says the list is complete', () => {
    const ws = workspaceOf({ ...policies(COMPLETION_LIMIT), 'controls/ac-01.md': control('policies: [‸]').text });
    const { text, offset } = control('policies: [‸]');
    const r = completionListAt(ws, 'controls/ac-01.md', text, offset);
    assert.equal(r.items.length, COMPLETION_LIMIT);
    assert.equal(r.incomplete, false);
  });

  it('offers the best COMPLETION_LIMIT of more, approved first, and says the list is incomplete', () => {
    const ws = workspaceOf({ ...policies(250), 'controls/ac-01.md': control('policies: [‸]').text });
    const all = control('policies: [‸]');
    const r = completionListAt(ws, 'controls/ac-01.md', all.text, all.offset);
    assert.equal(r.incomplete, true);
    assert.equal(r.items.length, COMPLETION_LIMIT);
    assert.ok(r.items.every((e) => Number(e.label.slice(4)) % 3 !== 0), 'the drafts (every third) come after the 166 approved ones');
    // Exactly the first hundred of every policy sorted approved first, then by id.
    const ids = Array.from({ length: 250 }, (_, i) => i);
    const order = [...ids.filter((i) => i % 3 !== 0), ...ids.filter((i) => i % 3 === 0)].map((i) => `POL-${String(i).padStart(4, '0')}`);
    assert.deepEqual(r.items.map((e) => e.label), order.slice(0, COMPLETION_LIMIT));
    // What is typed ranks the matches first: the id's start, then inside it, then the title.
    const typed = control('policies: [POL-02‸]');
    const t = completionListAt(ws, 'controls/ac-01.md', typed.text, typed.offset);
    assert.equal(t.incomplete, true);
    assert.deepEqual(t.items.slice(0, 50).map((e) => e.label), Array.from({ length: 50 }, (_, i) => `POL-02${String(i).padStart(2, '0')}`).sort((a, b) => (Number(a.slice(4)) % 3 === 0 ? 1 : 0) - (Number(b.slice(4)) % 3 === 0 ? 1 : 0) || (a < b ? -1 : 1)));
    const title = control('policies: [backups‸]');
    assert.equal(completionListAt(ws, 'controls/ac-01.md', title.text, title.offset).items[0].label, 'POL-0007');
  });

  it('with nothing typed, the first ids read off the sorted index are those a sort of every candidate gives', () => {
    // Ids in another order than their paths, few of them approved (the scan reads far), some already
    // listed, one the document's own; then so many listed that fewer than the limit are left.
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const [share, listedCount] of [[0.1, 0], [0, 3], [0.6, 40], [1, 0], [0.5, 260]] as const) {
      const n = 330;
      const files: Record<string, string> = {};
      const approvedIds = new Set<string>();
      for (let i = 0; i < n; i++) {
        const id = `POL-${String((i * 7919) % n).padStart(4, '0')}`;
        const approved = rand() < share;
        if (approved) approvedIds.add(id);
        files[`policies/p${String(i).padStart(4, '0')}.md`] = joinLines('---', `id: ${id}`, 'type: policy', `title: Policy ${i}`, approved ? 'status: approved' : 'status: draft', '---', '');
      }
      const listed = Array.from({ length: listedCount }, (_, k) => `POL-${String((k * 13) % n).padStart(4, '0')}`);
      const { text, offset } = cursor(joinLines('---', 'id: POL-0005', 'type: control', `policies: [${listed.map((l) => `${l}, `).join('')}‸]`, '---', ''));
      files['controls/ac-01.md'] = text;
      const ws = workspaceOf(files);
      const r = completionListAt(ws, 'controls/ac-01.md', text, offset);
      const skipped = new Set([...listed, 'POL-0005']);
      const candidates = Array.from({ length: n }, (_, i) => `POL-${String(i).padStart(4, '0')}`).filter((id) => !skipped.has(id));
      const rank = (id: string): number => (approvedIds.has(id) ? 0 : 1);
      const expected = candidates.length > COMPLETION_LIMIT ? [...candidates].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1)).slice(0, COMPLETION_LIMIT) : undefined;
      const labels = r.items.map((e) => e.label);
      if (expected) assert.deepEqual(labels, expected, `approved share ${share}, ${listedCount} listed`);
      else assert.deepEqual([...labels].sort(), candidates, `approved share ${share}, ${listedCount} listed: every one left`);
      assert.equal(r.incomplete, candidates.length > COMPLETION_LIMIT);
    }
  });

  it('cuts a long list of owners the same way, keeping it sorted', () => {
    const ws = workspaceOf({ ...policies(250), 'controls/ac-01.md': control('owner: ‸').text });
    const { text, offset } = control('owner: owner12‸');
    const r = completionListAt(ws, 'controls/ac-01.md', text, offset);
    assert.equal(r.incomplete, true);
    assert.equal(r.items.length, COMPLETION_LIMIT);
    assert.ok(r.items.some((e) => e.label === 'owner12@example.com') && r.items.some((e) => e.label === 'owner129@example.com'));
    assert.deepEqual(r.items.map((e) => e.label), [...r.items.map((e) => e.label)].sort());
  });
});
