import assert from 'node:assert/strict';
import { joinLines, workspaceOf } from '../../helpers';

const DRAFT = joinLines('---', 'id: NET-01', 'type: control', 'title: Firewall review', 'status: draft', '---', '');
const POLICY = joinLines('---', 'id: POL-NET', 'type: policy', 'title: Network policy', 'criteria: [CC6.6]', 'last_reviewed: 2026-03-01', '---', '');

describe('ComplianceWorkspace.removeDocument', () => {
  it('reports the removed document and a coverage change even when nothing else depends on it', () => {
    const ws = workspaceOf({ 'controls/net-01.md': DRAFT, 'policies/network.md': POLICY });
    const change = ws.removeDocument('controls/net-01.md');
    assert.deepEqual([...change.documents], ['controls/net-01.md']);
    assert.equal(change.coverage, true);
    assert.equal(ws.documentCount, 1);
  });

  it('leaves later empty change sets empty', () => {
    const ws = workspaceOf({ 'controls/net-01.md': DRAFT });
    ws.removeDocument('controls/net-01.md');
    assert.equal(ws.removeDocument('controls/net-01.md').documents.size, 0);
    assert.equal(ws.setToday('2026-11-16').documents.size, 0);
  });

  it('drops what a removed document covered', () => {
    const ws = workspaceOf({ 'policies/network.md': POLICY });
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC6.6')?.state, 'claimed');
    ws.removeDocument('policies/network.md');
    assert.equal(ws.coverage().criteria.find((c) => c.id === 'CC6.6')?.state, 'uncovered');
  });
});
