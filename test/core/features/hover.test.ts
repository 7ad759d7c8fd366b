import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import assert from 'node:assert/strict';
import { hoverAt, renderHover, type HoverInfo } from '../../../server/src/core/features/hover';
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
  return { text, offset, span };
}

const CONFIG = joinLines('categories: [security, availability]', 'not_applicable:', '  CC6.4: "No offices or data centres"', '');

const POLICY = joinLines(
  '---',
  'id: POL-ACCESS',
  'type: policy',
  'title: Access control policy',
  'owner: security-lead',
  'criteria: [CC6.1, CC6.2]',
  'controls: [AC-01]',
  'last_reviewed: 2026-03-01',
  '---',
  '',
  'Access follows CC6.1 and least privilege.',
  '',
);

const CONTROL = joinLines(
  '---',
  'id: AC-01',
  'type: control',
  'title: Quarterly access review',
  'owner: it-lead',
  'criteria: [CC6.2, P4.2]',
  'policies: [POL-ACCESS]',
  'frequency: quarterly',
  'last_reviewed: 2026-06-01',
  'evidence:',
  '  - ../evidence/2026-Q3/review.csv',
  '  - ../evidence/2026-Q4/missing.csv',
  '  - url: https://tickets.example.com/SEC-9',
  '    date: 2026-10-01',
  '---',
  '',
);

const VENDOR = joinLines(
  '---',
  'id: VR-01',
  'type: control',
  'title: Vendor review',
  'owner: security-lead',
  'criteria: [CC9.2]',
  'frequency: annual',
  'last_reviewed: 2025-09-15',
  'evidence:',
  '  - path: ../evidence/2025-Q3/vendors.csv',
  '    date: 2025-09-01',
  '---',
  '',
);

const DRAFT = joinLines('---', 'id: PROC-DR', 'title: DR test', 'owner: sre', 'status: draft', 'criteria: [CC9.2, A1.3]', '---', '');

function build(overrides: Record<string, string> = {}): ComplianceWorkspace {
  return workspaceOf({
    'compliance-docs.yml': CONFIG,
    'policies/access.md': POLICY,
    'controls/ac-01.md': CONTROL,
    'controls/vr-01.md': VENDOR,
    'procedures/dr.md': DRAFT,
    'evidence/2026-Q3/review.csv': 'x',
    'evidence/2025-Q3/vendors.csv': 'x',
    ...overrides,
  });
}

function hoverOn(ws: ComplianceWorkspace, path: string, withMarkers: string): { info: HoverInfo | undefined; span: { start: number; end: number } } {
  const { text, offset, span } = cursor(withMarkers);
  return { info: hoverAt(ws, path, text, offset), span };
}

const markdown = (info: HoverInfo): string => renderHover(info, { format: 'markdown', link: (p, line) => `file:///repo/${p}#L${line + 1}` });
const plaintext = (info: HoverInfo): string => renderHover(info, { format: 'plaintext' });

describe('hover', () => {
  describe('on a criterion ID', () => {
    it('in frontmatter shows the ID, title, series, category, explanation, state and the documents that map it', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'controls/vr-01.md', VENDOR.replace('[CC9.2]', '[«CC‸9.2»]'));
      assert.equal(info?.kind, 'criterion');
      assert.deepEqual(info?.span, span);
      const text = markdown(info as HoverInfo);
      assert.ok(text.startsWith('**CC9.2** Vendor and partner risk\n\nCC9 Risk Mitigation · Security\n\nVendors and partners'), text);
      // Why, in the matrix's words, then what the state means and what to do.
      assert.ok(text.includes('**Coverage: stale.** VR-01: its review was due 2026-09-15; its newest evidence is from 2025-09-01, and a newer record was due by 2026-09-01.\n\nAn approved control with existing evidence maps it'), text);
      assert.ok(text.includes('Mapped by 2 documents:\n- [VR-01](file:///repo/controls/vr-01.md#L1) Vendor review: control, stale\n- [PROC-DR](file:///repo/procedures/dr.md#L1) DR test: procedure, draft, counts for nothing until approved'), text);
    });

    it('names the 20 documents that count most of a criterion many list, in standing, id and path order, and counts the rest', () => {
      const files: Record<string, string> = { 'compliance-docs.yml': CONFIG };
      // 33 controls: approved with evidence (covered), approved without (claimed) and drafts, ids out of order.
      for (let i = 0; i < 33; i++) {
        const status = i % 3 === 0 ? 'approved' : i % 3 === 1 ? 'draft' : 'approved';
        const evidence = i % 3 === 0 ? ['evidence:', '  - path: ../evidence/log.csv', '    date: 2026-10-01'] : [];
        files[`controls/c${String(i).padStart(2, '0')}.md`] = joinLines('---', `id: CTL-${String((i * 7) % 33).padStart(2, '0')}`, 'type: control', `title: Control ${i}`, `status: ${status}`, 'owner: ops', 'criteria: [CC7.2]', 'frequency: annual', 'last_reviewed: 2026-09-01', ...evidence, '---', '', 'Body.', '');
      }
      files['evidence/log.csv'] = 'a,b\n';
      const ws = workspaceOf(files);
      const text = files['controls/c05.md'].replace('[CC7.2]', '[CC7‸.2]');
      const info = hoverAt(ws, 'controls/c05.md', text.replace('‸', ''), text.indexOf('‸'));
      assert.equal(info?.kind, 'criterion');
      const c = info as Extract<HoverInfo, { kind: 'criterion' }>;
      assert.equal(c.mappingCount, 33);
      // Eleven covered (approved, with evidence), eleven claimed (approved, none), eleven drafts: the
      // hover names the covered ones by id, then the nine claimed ones with the lowest ids.
      const idOf = (i: number): string => `CTL-${String((i * 7) % 33).padStart(2, '0')}`;
      const byId = (is: number[]): string[] => is.map(idOf).sort();
      const indices = [...Array(33).keys()];
      const expected = [...byId(indices.filter((i) => i % 3 === 0)), ...byId(indices.filter((i) => i % 3 === 2)).slice(0, 9)];
      assert.deepEqual(c.mappings.map((m) => m.id), expected);
      assert.deepEqual(c.mappings.map((m) => m.standing), [...Array(11).fill('covered'), ...Array(9).fill('claimed')]);
      const rendered = markdown(info as HoverInfo);
      assert.ok(rendered.includes('Mapped by 33 documents:'), rendered);
      assert.ok(rendered.includes('- and 13 more'), rendered);
    });

    it('in prose works the same, and the plain-text form has no markup', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'policies/access.md', POLICY.replace('follows CC6.1', 'follows «CC6.1‸»'));
      assert.deepEqual(info?.span, span);
      const text = plaintext(info as HoverInfo);
      assert.ok(text.startsWith('CC6.1 Logical access security'), text);
      assert.ok(text.includes('Coverage: claimed. POL-ACCESS is a policy; no control with current evidence maps CC6.1.\n\nOnly approved policies'), text);
      assert.ok(text.includes('- POL-ACCESS (policies/access.md:1) Access control policy: policy, claimed'), text);
      assert.ok(!text.includes('**') && !text.includes('](') && !text.includes('`'), text);
    });

    it('on an uncovered criterion says what to do', () => {
      const ws = build();
      const { info } = hoverOn(ws, 'policies/access.md', POLICY.replace('follows CC6.1', 'follows CC‸1.2'));
      const text = markdown(info as HoverInfo);
      assert.ok(text.includes('**Coverage: uncovered.** No approved document maps it.\n\n'), text);
      assert.ok(text.includes('Map it from a control that addresses it, or list it under not\\_applicable with a justification.'), text);
      assert.ok(text.includes('No document maps it.'), text);
    });

    it('on a scoped-out criterion in compliance-docs.yml shows the justification', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'compliance-docs.yml', CONFIG.replace('  CC6.4:', '  «CC‸6.4»:'));
      assert.deepEqual(info?.span, span);
      assert.ok(markdown(info as HoverInfo).includes('**Not applicable** (compliance-docs.yml): No offices or data centres'));
    });

    it('on a criterion whose category is not in scope says so', () => {
      const ws = build();
      const { info } = hoverOn(ws, 'controls/ac-01.md', CONTROL.replace('P4.2]', 'P4‸.2]'));
      const text = plaintext(info as HoverInfo);
      assert.ok(text.includes('Out of scope: the Privacy category is not in categories of compliance-docs.yml'), text);
      assert.ok(text.includes('- AC-01 (controls/ac-01.md:1) Quarterly access review: control, counts for nothing here'), text);
    });

    it('on an ID that is not in the catalog suggests the nearest ones', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'policies/access.md', POLICY.replace('follows CC6.1', 'follows «CC9‸.9»'));
      assert.deepEqual(info, { kind: 'not-a-criterion', span, text: 'CC9.9', suggestion: { kind: 'nearest', ids: ['CC9.2', 'CC9.1'] } });
      assert.equal(plaintext(info as HoverInfo), 'CC9.9 is not a SOC 2 criterion; did you mean CC9.2 (Vendor and partner risk) or CC9.1 (Business disruption)?');
    });

    it('on a lower-case ID in a list offers the written-out form', () => {
      const ws = build();
      const { info } = hoverOn(ws, 'policies/access.md', POLICY.replace('CC6.2]', 'cc6‸.2]'));
      assert.equal(plaintext(info as HoverInfo), 'cc6.2 is not a SOC 2 criterion; did you mean CC6.2 (User registration and deprovisioning)?');
    });
  });

  describe('on a document id', () => {
    it('on a reference shows the control: title, type, status, owner, review, evidence count', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'policies/access.md', POLICY.replace('[AC-01]', '[«AC‸-01»]'));
      assert.equal(info?.kind, 'document');
      assert.deepEqual(info?.span, span);
      assert.equal(
        plaintext(info as HoverInfo),
        joinLines(
          'AC-01 Quarterly access review',
          '',
          'control · approved · owner it-lead · controls/ac-01.md (controls/ac-01.md:1)',
          '',
          'Review: last reviewed 2026-06-01, next due 2027-06-01 (in 197 days, annual cycle).',
          '',
          'Evidence: 2 existing (1 file, 1 link), 1 missing; newest 2026-10-01.',
          '',
          'Maps: CC6.2, P4.2',
        ),
      );
    });

    it('on its own id shows an overdue review with the number of days and stale evidence', () => {
      const ws = build();
      const { info } = hoverOn(ws, 'controls/vr-01.md', VENDOR.replace('id: VR-01', 'id: VR‸-01'));
      const text = markdown(info as HoverInfo);
      assert.ok(text.startsWith('**VR-01** Vendor review\n\ncontrol · approved · owner security-lead · [controls/vr-01.md](file:///repo/controls/vr-01.md#L1)'), text);
      assert.ok(text.includes('**Review:** overdue by 62 days: was due 2026-09-15 (last reviewed 2025-09-15, annual cycle).'), text);
      assert.ok(text.includes('**Evidence:** 1 existing, 0 missing; newest 2025-09-01, stale since 2026-09-01.'), text);
    });

    it('says when the newest evidence date is read from the path, not recorded', () => {
      const text = joinLines('---', 'id: AC-09', 'title: Inferred', 'owner: it-lead', 'criteria: [CC6.2]', 'last_reviewed: 2026-06-01', 'evidence:', '  - ../evidence/2026-Q3/review.csv', '---', '');
      const ws = build({ 'controls/ac-09.md': text });
      const { info } = hoverOn(ws, 'controls/ac-09.md', text.replace('id: AC-09', 'id: AC‸-09'));
      assert.ok(plaintext(info as HoverInfo).includes('Evidence: 1 existing, 0 missing; newest 2026-09-30 (inferred from the path, not recorded).'), plaintext(info as HoverInfo));
    });

    it('names the other documents that share the id', () => {
      const ws = build({ 'controls/copy.md': CONTROL.replace('title: Quarterly access review', 'title: Copy') });
      const { info } = hoverOn(ws, 'controls/copy.md', CONTROL.replace('title: Quarterly access review', 'title: Copy').replace('id: AC-01', 'id: AC‸-01'));
      assert.ok(info?.kind === 'document' && info.document.path === 'controls/copy.md');
      assert.ok(plaintext(info as HoverInfo).endsWith('The id AC-01 is also used by controls/ac-01.md (controls/ac-01.md:1). Ids must be unique.'));
    });

    it('on a reference to an id nobody has says so', () => {
      const ws = build();
      const { info, span } = hoverOn(ws, 'controls/ac-01.md', CONTROL.replace('[POL-ACCESS]', '[«POL-‸GONE»]'));
      assert.deepEqual(info, { kind: 'unknown-id', span, id: 'POL-GONE', field: 'policies' });
      assert.equal(plaintext(info as HoverInfo), 'No document has the id POL-GONE. Fix the id, or add the policy it refers to.');
    });
  });

  it('walks no list of all documents: a criterion and an id are looked up', () => {
    const ws = build();
    let walks = 0;
    const documents = ws.documents.bind(ws);
    const allIds = ws.allIds.bind(ws);
    ws.documents = () => (walks++, documents());
    ws.allIds = () => (walks++, allIds());
    assert.match(JSON.stringify(hoverOn(ws, 'controls/vr-01.md', VENDOR.replace('[CC9.2]', '[CC‸9.2]')).info), /VR-01/);
    assert.equal(walks, 0, 'a criterion hover reads the documents that list it from the index');
    hoverOn(ws, 'policies/access.md', POLICY.replace('[AC-01]', '[AC‸-01]'));
    assert.equal(walks, 0, 'an id hover looks the id up');
  });

  it('lists the documents of a criterion as they change, edit after edit', () => {
    const ws = build();
    const listed = (): string[] => (hoverOn(ws, 'controls/vr-01.md', VENDOR.replace('[CC9.2]', '[CC‸9.2]')).info as { mappings?: Array<{ path: string }> }).mappings?.map((m) => m.path) ?? [];
    assert.deepEqual(listed().sort(), ['controls/vr-01.md', 'procedures/dr.md']);
    ws.inventory.set('controls/vr-02.md', { kind: 'file', size: 1 });
    ws.upsertDocument(parseComplianceDocument('controls/vr-02.md', VENDOR.replace('VR-01', 'VR-02')));
    assert.deepEqual(listed().sort(), ['controls/vr-01.md', 'controls/vr-02.md', 'procedures/dr.md']);
    ws.upsertDocument(parseComplianceDocument('controls/vr-02.md', VENDOR.replace('VR-01', 'VR-02').replace('[CC9.2]', '[CC9.1]')));
    assert.deepEqual(listed().sort(), ['controls/vr-01.md', 'procedures/dr.md']);
    ws.removeDocument('controls/vr-01.md');
    assert.deepEqual(listed(), ['procedures/dr.md']);
  });

  it('has nothing to show on plain prose or a key', () => {
    const ws = build();
    assert.equal(hoverOn(ws, 'policies/access.md', POLICY.replace('least privilege', 'least pri‸vilege')).info, undefined);
    assert.equal(hoverOn(ws, 'policies/access.md', POLICY.replace('owner:', 'own‸er:')).info, undefined);
  });
});
