import assert from 'node:assert/strict';
import { applyEdits, expectFinding, expectNone, findingsOf, joinLines, marked } from '../../helpers';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { baseFiles, build } from './fixture';

describe('frontmatter-missing', () => {
  const m = marked(joinLines('«# Vendor management policy»', '', 'We review vendor SOC 2 reports every year and keep a vendor inventory.', ''));

  it('reports an included document with no frontmatter on its first line', () => {
    const ws = build({ ...baseFiles(), 'policies/vendor.md': m.text });
    const f = expectFinding(ws, 'policies/vendor.md', 'frontmatter-missing', m.span, 'warning');
    assert.match(f.message, /no frontmatter/);
  });

  it('offers a skeleton that parses, with criteria suggested from the text', () => {
    const ws = build({ ...baseFiles(), 'policies/vendor.md': m.text });
    const fix = findingsOf(ws, 'policies/vendor.md', 'frontmatter-missing')[0].fixes?.[0];
    assert.ok(fix && fix.changes[0].kind === 'edit');
    const fixed = applyEdits(m.text, fix.changes[0].kind === 'edit' ? fix.changes[0].edits : []);
    const doc = parseComplianceDocument('policies/vendor.md', fixed);
    assert.equal(doc.frontmatter?.ok, true);
    assert.equal(doc.id?.value, 'vendor');
    assert.equal(doc.type?.value, 'policy');
    assert.match(fixed, /# suggested from the text: .*CC9\.2/);
  });

  it('ignores markdown files outside the included folders and README files', () => {
    const ws = build({ ...baseFiles(), 'docs/notes.md': m.text, 'policies/README.md': m.text });
    assert.equal(ws.document('docs/notes.md'), undefined);
    assert.equal(ws.document('policies/README.md'), undefined);
  });

  it('is silent when there is frontmatter', () => {
    expectNone(build(baseFiles()), 'policies/access.md', 'frontmatter-missing');
  });
});
