import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone, findingsOf, marked, workspaceOf } from '../../helpers';

describe('criterion-series', () => {
  it('reports a series named in free-text references, at its text, with the criteria it holds', () => {
    const m = marked('---\ndoc_type: Policy\nstatus: Published\nreferences:\n  - ISO/IEC 27001:2022 A.5, A.8; SOC 2 «CC6»/CC7.2\n---\n# Access\n');
    const ws = workspaceOf({ 'policies/access.md': m.text });
    const f = expectFinding(ws, 'policies/access.md', 'criterion-series', m.span, 'warning');
    assert.match(f.message, /`CC6` names a whole series/);
    assert.match(f.message, /CC6\.1, CC6\.2, CC6\.3, CC6\.4, CC6\.5, CC6\.6, CC6\.7, CC6\.8/);
    const fixed = applyEdits(m.text, f.fixes?.[0].changes[0].kind === 'edit' ? f.fixes[0].changes[0].edits : []);
    assert.match(fixed, /SOC 2 CC6\.1, CC6\.2, .*CC6\.8\/CC7\.2/);
    // The exact ID maps; the series does not; the document is not also called unmapped.
    assert.deepEqual(ws.document('policies/access.md')?.criteria.map((c) => c.value), ['CC7.2']);
    expectNone(ws, 'policies/access.md', 'unmapped-document');
    expectNone(ws, 'policies/access.md', 'unknown-criterion');
  });

  it('names every series once, at the first, when a document lists more than three', () => {
    const m = marked('---\ntype: control\ntsc_criteria: [«CC1», CC2, CC3, CC4, CC6.1]\n---\n# Overview\n');
    const ws = workspaceOf({ 'controls/tsc.md': m.text });
    const f = expectFinding(ws, 'controls/tsc.md', 'criterion-series', m.span, 'warning');
    assert.match(f.message, /^`CC1`, `CC2`, `CC3` and `CC4` name whole series, so they map no criterion/);
    assert.deepEqual(f.fixes?.map((x) => x.title.split(' (')[0]), ['List the criteria of CC1', 'List the criteria of CC2', 'List the criteria of CC3', 'List the criteria of CC4']);
    // Three or fewer: one finding each.
    const three = workspaceOf({ 'controls/tsc.md': '---\ntype: control\ntsc_criteria: [CC1, CC2, CC3]\n---\n' });
    assert.equal(findingsOf(three, 'controls/tsc.md', 'criterion-series').length, 3);
  });

  it('is silent on text that names no criterion', () => {
    const ws = workspaceOf({ 'policies/access.md': '---\ndoc_type: Policy\nreferences: ["ISO/IEC 27001 A.9", "NIST AC-2"]\n---\n# Access\n' });
    expectNone(ws, 'policies/access.md', 'criterion-series');
    expectNone(ws, 'policies/access.md', 'unknown-criterion');
  });
});
