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

  it('names the owner and review date the body states, and its fix carries them into the frontmatter', () => {
    const text = joinLines('# Access Control Standard', '', '**Owner:** Operations Manager', '**Last Reviewed:** January 20, 2026', '', 'Access is granted on need.', '');
    const ws = build({ ...baseFiles(), 'policies/access.md': text });
    const f = expectFinding(ws, 'policies/access.md', 'frontmatter-missing', undefined);
    assert.match(f.message, /^This policy has no frontmatter\. Its body states its owner \(line 3\) and its last review \(line 4\), which checks read only from frontmatter/);
    const fix = f.fixes?.[0];
    const fixed = applyEdits(text, fix && fix.changes[0].kind === 'edit' ? fix.changes[0].edits : []);
    const doc = parseComplianceDocument('policies/access.md', fixed);
    assert.equal(doc.frontmatter?.ok, true);
    assert.equal(doc.owner?.value, 'Operations Manager');
    assert.equal(doc.lastReviewed?.value, '2026-01-20');
    // A `## Owner` heading with the role under it; a table row; template text is no statement.
    const heading = build({ ...baseFiles(), 'policies/a.md': joinLines('# A', '', '## Owner', '', 'Security Lead', '', '## Purpose', '', 'Text.') });
    assert.match(expectFinding(heading, 'policies/a.md', 'frontmatter-missing', undefined).message, /Its body states its owner \(line 5\), which/);
    assert.equal(parseComplianceDocument('policies/b.md', joinLines('# B', '', '| **Owner** | CISO |', '| **Effective Date** | 2024-01-01 |')).statedInBody?.reviewed?.value, '2024-01-01');
    // The last review beats the effective date; a plain `| Owner | … |` row is read; `Review Date`, often the next review, is not.
    const table = parseComplianceDocument('policies/t.md', joinLines('# T', '', '| Field | Value |', '|---|---|', '| Owner | ISMS Manager |', '| Effective Date | July 1, 2025 |', '| Review Date | January 1, 2027 |', '| Last Reviewed | 2026-01-05 |'));
    assert.deepEqual([table.statedInBody?.owner?.value, table.statedInBody?.reviewed?.value], ['ISMS Manager', '2026-01-05']);
    assert.equal(parseComplianceDocument('policies/u.md', joinLines('# U', '', '**Review Date:** 2027-01-01')).statedInBody, undefined);
    const template = parseComplianceDocument('policies/c.md', joinLines('# C', '', '**Owner**: {{owner_name}}', '**Effective Date**: {{effective_date}}'));
    assert.equal(template.statedInBody, undefined);
    // Not misread: prose, a line far down, and frontmatter documents (their fields are read as fields).
    assert.equal(parseComplianceDocument('policies/d.md', joinLines('# D', '', 'The owner of each system reviews access quarterly.', '')).statedInBody, undefined);
    assert.equal(parseComplianceDocument('policies/e.md', joinLines('---', 'owner: x', '---', '**Owner:** Y')).statedInBody, undefined);
    assert.equal(parseComplianceDocument('policies/f.md', [...Array.from({ length: 45 }, (_, i) => `Line ${i}.`), '**Owner:** Late'].join('\n')).statedInBody, undefined);
    // A line too long to be a statement is not one, and is not handed to the patterns (a megabyte of `|` once took minutes).
    assert.equal(parseComplianceDocument('policies/h.md', joinLines('# H', '', `**Owner**${'|'.repeat(1_000_000)}x`, `Owner: ${'x'.repeat(400)}`)).statedInBody, undefined);
    // Criteria on a labelled line of its own body: its own text, not a table, maps it.
    const labelled = build({ ...baseFiles(), 'policies/l.md': joinLines('# Logging Policy', '', '**Applicable Criteria:** CC7.2, CC7.3', '', 'Logs are kept.') });
    assert.match(expectFinding(labelled, 'policies/l.md', 'frontmatter-missing', undefined).message, /: its own text maps it to CC7\.2 and CC7\.3, where it counts only as a claim/);
    // Nothing stated: the message as before.
    assert.match(expectFinding(build({ ...baseFiles(), 'policies/g.md': m.text }), 'policies/g.md', 'frontmatter-missing', undefined).message, /so neither its owner, its review date nor the criteria it meets can be read/);
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
