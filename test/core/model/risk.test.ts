// A risk contributes to its criteria like a control whose evidence is the newest assessment that lists it.

import assert from 'node:assert/strict';
import { joinLines } from '../../helpers';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { build } from '../rules/fixture';
import { ASSESSMENT_LINES, ASSESSMENT_PATH, RISK_PATH, riskFiles, riskWith, swap } from '../rules/riskFixture';

function stateOf(ws: ReturnType<typeof build>, id: string): string | undefined {
  return ws.coverage().criteria.find((c) => c.id === id)?.state;
}

describe('risks in coverage', () => {
  it('covers a risk’s criteria while the newest assessment listing it is current', () => {
    const ws = build(riskFiles());
    assert.equal(stateOf(ws, 'CC3.3'), 'covered');
    assert.deepEqual(ws.factsOf(RISK_PATH)?.assessment, { path: ASSESSMENT_PATH, id: 'RA-2025', date: '2025-12-15', current: true });
  });

  it('is stale once the assessment is older than the cycle, and claimed when no assessment lists the risk', () => {
    assert.equal(stateOf(build(riskFiles(), '2026-12-16'), 'CC3.3'), 'stale');
    const files = riskFiles();
    files[ASSESSMENT_PATH] = files[ASSESSMENT_PATH].replace('risks: [RISK-012, RISK-020]', 'risks: [RISK-020]');
    assert.equal(stateOf(build(files), 'CC3.3'), 'claimed');
  });

  it('takes the newest approved assessment, not a draft or one dated after today', () => {
    const files = riskFiles();
    files['risks/assessments/2026.md'] = joinLines(...ASSESSMENT_LINES.map((l) => (l.startsWith('date:') ? 'date: 2026-10-01' : l.startsWith('id:') ? 'id: RA-2026' : l)));
    assert.equal(build(files).factsOf(RISK_PATH)?.assessment?.id, 'RA-2026');
    files['risks/assessments/2026.md'] = files['risks/assessments/2026.md'].replace('approved_by: ceo', 'approved_by: ceo\nstatus: draft');
    assert.equal(build(files).factsOf(RISK_PATH)?.assessment?.id, 'RA-2025');
    files['risks/assessments/2026.md'] = files['risks/assessments/2026.md'].replace('status: draft', 'status: approved').replace('2026-10-01', '2026-12-01');
    assert.equal(build(files).factsOf(RISK_PATH)?.assessment?.id, 'RA-2025');
  });

  it('follows assessments as they are added, edited and removed', () => {
    const ws = build(riskFiles());
    const removed = ws.removeDocument(ASSESSMENT_PATH);
    assert.ok(removed.documents.has(RISK_PATH));
    assert.equal(stateOf(ws, 'CC3.3'), 'claimed');
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'risk-assessment-stale').length, 1);
    ws.upsertDocument(parseComplianceDocument(ASSESSMENT_PATH, riskFiles()[ASSESSMENT_PATH]));
    assert.equal(stateOf(ws, 'CC3.3'), 'covered');
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'risk-assessment-stale').length, 0);
    ws.upsertDocument(parseComplianceDocument(ASSESSMENT_PATH, riskFiles()[ASSESSMENT_PATH].replace('date: 2025-12-15', 'date: 2025-06-01')));
    assert.equal(stateOf(ws, 'CC3.3'), 'stale');
    assert.equal(ws.workspaceFindings().filter((f) => f.code === 'risk-assessment-stale').length, 1);
  });

  it('gives a risk with no review date of its own the assessment’s date as its review', () => {
    const { files } = riskWith((l) => swap(l, 'last_reviewed:'));
    const ws = build(files);
    assert.equal(ws.findings(RISK_PATH).filter((f) => f.code === 'missing-review-date').length, 0);
    assert.equal(stateOf(ws, 'CC3.3'), 'covered');
  });

  it('does not review an assessment on a cycle: it is a record of its date', () => {
    const ws = build(riskFiles(), '2028-01-01');
    assert.deepEqual(ws.findings(ASSESSMENT_PATH).map((f) => f.code), []);
  });

  it('reads nothing new for documents that are not risks or assessments', () => {
    const ws = build(riskFiles());
    for (const p of ['policies/access.md', 'controls/ac-01.md']) {
      const doc = ws.document(p);
      assert.equal(doc?.risk, undefined);
      assert.equal(doc?.assessment, undefined);
      assert.equal(ws.factsOf(p)?.assessment, undefined);
    }
  });
});
