// Documents kept as one file per version in a folder: the latest approved version is in force, the
// earlier ones are superseded, whatever status they state; from scratch and after each change alike.

import assert from 'node:assert/strict';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { expectNone, findingsOf, workspaceOf } from '../../helpers';

const plan = (reviewed: string, status = 'Approved'): string => `---\ntitle: Incident Response Plan\nowner: Jane Doe\neffective_date: ${reviewed}\nreview_frequency: Annual\nstatus: ${status}\ncriteria: [CC7.3]\n---\n# Incident Response Plan\n`;
const OLD = 'policies/Incident Response Plan/incident-response-plan-2023.md';
const NEW = 'policies/Incident Response Plan/incident-response-plan-2025.md';
const TODAY = '2026-03-01';

/** Findings and facts of every document, to compare a workspace changed step by step with one built at once. */
function snapshot(ws: ReturnType<typeof workspaceOf>): string {
  return JSON.stringify([...ws.documents()].map((d) => [d.path, ws.factsOf(d.path)?.status, ws.factsOf(d.path)?.supersededBy, findingsOf(ws, d.path).map((f) => [f.code, f.message])]));
}

describe('versions of a document in one folder', () => {
  it('an earlier version is superseded by the latest approved one: retired, with no review finding', () => {
    const ws = workspaceOf({ [OLD]: plan('2023-01-01'), [NEW]: plan('2025-08-19') }, { today: TODAY });
    assert.equal(ws.factsOf(OLD)?.status, 'retired');
    assert.equal(ws.factsOf(OLD)?.supersededBy, NEW);
    assert.equal(ws.factsOf(NEW)?.status, 'approved');
    expectNone(ws, OLD, 'stale-review');
    assert.equal(findingsOf(ws, NEW, 'stale-review').length, 0);
    // With only the old one, it is the text in force, and its review is stale.
    assert.equal(findingsOf(workspaceOf({ [OLD]: plan('2023-01-01') }, { today: TODAY }), OLD, 'stale-review').length, 1);
  });

  it('a later draft does not replace the approved version; names that carry no version are not versions', () => {
    const ws = workspaceOf({ [OLD]: plan('2023-01-01'), [NEW]: plan('2025-08-19', 'Draft') }, { today: TODAY });
    assert.equal(ws.factsOf(OLD)?.status, 'approved');
    assert.equal(findingsOf(ws, OLD, 'stale-review').length, 1);
    const other = workspaceOf({ 'policies/soc2-policy.md': plan('2023-01-01'), 'policies/soc3-policy.md': plan('2025-08-19'), 'policies/backup v1.2.md': plan('2023-01-01'), 'policies/backup 2025.md': plan('2025-08-19') }, { today: TODAY });
    for (const p of ['policies/soc2-policy.md', 'policies/backup v1.2.md']) assert.equal(other.factsOf(p)?.status, 'approved', p);
  });

  it('a long series of files named alike is a series of records, not versions of one document', () => {
    const files: Record<string, string> = {};
    for (let m = 1; m <= 60; m++) files[`controls/access-review-2021-${String(((m - 1) % 12) + 1).padStart(2, '0')}-${String(Math.ceil(m / 12)).padStart(2, '0')}.md`] = plan('2025-08-19');
    const ws = workspaceOf(files, { today: TODAY });
    assert.equal([...ws.documents()].filter((d) => ws.factsOf(d.path)?.status === 'retired').length, 0);
  });

  it('numbered versions compare by number (v1.10 after v1.9)', () => {
    const ws = workspaceOf({ 'policies/Backup Policy v1.9.md': plan('2023-01-01'), 'policies/Backup Policy v1.10.md': plan('2025-08-19') }, { today: TODAY });
    assert.equal(ws.factsOf('policies/Backup Policy v1.9.md')?.supersededBy, 'policies/Backup Policy v1.10.md');
    assert.equal(ws.factsOf('policies/Backup Policy v1.10.md')?.status, 'approved');
  });

  it('adding, approving and removing the later version gives what a check from scratch gives', () => {
    const ws = workspaceOf({ [OLD]: plan('2023-01-01') }, { today: TODAY });
    const add = (path: string, text: string): void => {
      ws.addFile(path, { kind: 'file', size: text.length });
      ws.upsertDocument(parseComplianceDocument(path, text, ws.parseSettings()));
    };
    add(NEW, plan('2025-08-19', 'Draft'));
    assert.equal(snapshot(ws), snapshot(workspaceOf({ [OLD]: plan('2023-01-01'), [NEW]: plan('2025-08-19', 'Draft') }, { today: TODAY })));
    add(NEW, plan('2025-08-19'));
    assert.equal(ws.factsOf(OLD)?.status, 'retired');
    assert.equal(snapshot(ws), snapshot(workspaceOf({ [OLD]: plan('2023-01-01'), [NEW]: plan('2025-08-19') }, { today: TODAY })));
    ws.removeDocument(NEW);
    ws.deleteFile(NEW);
    assert.equal(ws.factsOf(OLD)?.status, 'approved');
    assert.equal(snapshot(ws), snapshot(workspaceOf({ [OLD]: plan('2023-01-01') }, { today: TODAY })));
  });
});
