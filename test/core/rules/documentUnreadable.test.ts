import assert from 'node:assert/strict';
import { expectFinding, expectNone } from '../../helpers';
import { invalidUtf8Problem, unreadableDocument, withProblem } from '../../../server/src/core/parse/unreadable';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { baseFiles, build, POLICY } from './fixture';

describe('document-unreadable', () => {
  it('reports a skipped binary document and nothing else about it', () => {
    const ws = build(baseFiles());
    ws.upsertDocument(unreadableDocument('policies/scan.md', { kind: 'binary' }));
    const f = expectFinding(ws, 'policies/scan.md', 'document-unreadable', { start: 0, end: 0 }, 'warning');
    assert.match(f.message, /binary/);
    assert.deepEqual(ws.findings('policies/scan.md').map((x) => x.code), ['document-unreadable']);
  });

  it('reports invalid UTF-8 but still reads the document', () => {
    const text = POLICY.replace('Access is granted', 'Acc\uFFFDs is granted');
    const doc = withProblem(parseComplianceDocument('policies/latin1.md', text), invalidUtf8Problem(text));
    const ws = build(baseFiles());
    ws.upsertDocument(doc);
    const at = text.indexOf('\uFFFD');
    expectFinding(ws, 'policies/latin1.md', 'document-unreadable', { start: at, end: at + 1 });
    assert.equal(ws.document('policies/latin1.md')?.owner?.value, 'security-lead');
  });

  it('is silent for readable documents', () => {
    expectNone(build(baseFiles()), 'policies/access.md', 'document-unreadable');
  });
});
