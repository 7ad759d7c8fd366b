import assert from 'node:assert/strict';
import { documentOutline, headingTree, workspaceSymbols, type OutlineSymbol } from '../../../server/src/core/features/symbols';
import { parseComplianceDocument } from '../../../server/src/core/parse/document';
import { joinLines, workspaceOf } from '../../helpers';
import type { Span } from '../../types';

/** The span of the `nth` occurrence of `needle`. */
function find(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return { start: at, end: at + needle.length };
}

/** From the start of `from` to the end of `to`. */
function between(text: string, from: string, to: string): Span {
  return { start: find(text, from).start, end: find(text, to).end };
}

/** name → children, to compare shapes at a glance. */
function shape(symbols: readonly OutlineSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length > 0 ? { [s.name]: shape(s.children) } : s.name));
}

describe('document symbols', () => {
  const text = joinLines(
    '---',
    'id: AC-01',
    'title: Quarterly access review',
    'criteria:',
    '  - CC6.2',
    '  - "CC9.9"',
    'policies: [POL-ACCESS]',
    'evidence:',
    '  - path: /evidence/q1.csv',
    '    date: 2026-03-31',
    '---',
    '',
    '# Access review',
    '',
    'Intro.',
    '',
    '## Scope',
    '',
    'Production.',
    '',
    '### Systems',
    '',
    'Okta, AWS.',
    '',
    '## Steps',
    'Setext',
    '------',
    '',
    '# Appendix',
    '',
  );
  const doc = parseComplianceDocument('controls/ac-01.md', text);

  it('has a frontmatter symbol with a child per key and the list items under their key', () => {
    const [fm] = documentOutline(doc, text);
    assert.deepEqual(shape([fm]), [{ frontmatter: ['id', 'title', { criteria: ['CC6.2', 'CC9.9'] }, { policies: ['POL-ACCESS'] }, { evidence: ['/evidence/q1.csv'] }] }]);
    assert.equal(fm.detail, 'AC-01 · control');
    assert.deepEqual(fm.span, between(text, '---', 'date: 2026-03-31\n---'));
    assert.deepEqual(fm.selectionSpan, { start: 0, end: 3 });
  });

  it('gives each key its exact range, its value as detail, and criteria their titles', () => {
    const [fm] = documentOutline(doc, text);
    const [id, title, criteria] = fm.children;
    assert.deepEqual([id.span, id.selectionSpan, id.detail], [find(text, 'id: AC-01'), find(text, 'id'), 'AC-01']);
    assert.equal(title.detail, 'Quarterly access review');
    assert.deepEqual(criteria.span, between(text, 'criteria:', '"CC9.9"'));
    assert.deepEqual(criteria.children.map((c) => [c.span, c.detail]), [
      [find(text, 'CC6.2'), 'User registration and deprovisioning'],
      [find(text, 'CC9.9'), 'not in the SOC 2 catalog'],
    ]);
  });

  it('nests headings by level, each section running to the next heading of its level or higher', () => {
    const headings = documentOutline(doc, text).slice(1);
    assert.deepEqual(shape(headings), [{ 'Access review': [{ Scope: ['Systems'] }, 'Steps', 'Setext'] }, 'Appendix']);
    const [access, appendix] = headings;
    assert.deepEqual(access.selectionSpan, find(text, '# Access review'));
    assert.deepEqual(access.span, between(text, '# Access review', '------'));
    const scope = access.children[0];
    assert.deepEqual(scope.span, between(text, '## Scope', 'Okta, AWS.'));
    assert.deepEqual(scope.children[0].span, between(text, '### Systems', 'Okta, AWS.'));
    assert.deepEqual(access.children[1].span, find(text, '## Steps'));
    assert.deepEqual(access.children[2].selectionSpan, between(text, 'Setext', '------'));
    assert.deepEqual(appendix.span, find(text, '# Appendix'));
  });

  it("does not read comply's closing --- as a heading underline", () => {
    const comply = joinLines('name: Access Policy', 'acronym: POL-ACCESS', '---', '', '# Policy', '');
    const outline = documentOutline(parseComplianceDocument('policies/access.md', comply), comply);
    assert.deepEqual(shape(outline), [{ frontmatter: ['name', 'acronym'] }, 'Policy']);
    assert.deepEqual(outline[1].span, find(comply, '# Policy'));
  });

  it('reads headings without frontmatter, after a byte order mark, and names them by their text', () => {
    const text2 = '\uFEFF# Intro with `code` and *emphasis*\n\nText.\n';
    const [h] = headingTree(text2, 0);
    assert.equal(h.name, 'Intro with code and emphasis');
    assert.deepEqual(h.span, { start: 1, end: text2.indexOf('Text.') + 5 });
  });

  it('shows a frontmatter that does not parse, without children', () => {
    const broken = joinLines('---', 'title: Encryption: keys', '---', '', '# Encryption', '');
    const outline = documentOutline(parseComplianceDocument('policies/encryption.md', broken), broken);
    assert.deepEqual(shape(outline), ['frontmatter', 'Encryption']);
    assert.equal(outline[0].detail, 'does not parse');
  });
});

describe('workspace symbols', () => {
  const ws = workspaceOf({
    'controls/ac-01.md': joinLines('---', 'id: AC-01', 'title: Quarterly access review', '---', ''),
    'controls/ac-02.md': joinLines('---', 'id: AC-02', 'title: Deprovisioning', 'status: retired', '---', ''),
    'policies/access.md': joinLines('---', 'id: POL-ACCESS', 'title: Access Control Policy', '---', ''),
    'narratives/system.md': joinLines('# System description', ''),
  });

  it('finds documents by id and by title, case-insensitively, best match first', () => {
    assert.deepEqual(workspaceSymbols(ws, 'ac-01').map((s) => s.name), ['AC-01 Quarterly access review']);
    assert.deepEqual(workspaceSymbols(ws, 'ACCESS').map((s) => s.id), ['POL-ACCESS', 'AC-01']);
    assert.deepEqual(workspaceSymbols(ws, 'deprov').map((s) => s.id), ['AC-02']);
  });

  it('matches a subsequence of the id or of the title', () => {
    assert.deepEqual(workspaceSymbols(ws, 'qar').map((s) => s.id), ['AC-01']);
    assert.deepEqual(workspaceSymbols(ws, 'pac').map((s) => s.id), ['POL-ACCESS']);
    assert.deepEqual(workspaceSymbols(ws, 'ac1').map((s) => s.id), ['AC-01']);
    assert.deepEqual(workspaceSymbols(ws, 'zzz'), []);
  });

  it('describes each document: type, status, path and where its id is written', () => {
    const text = joinLines('---', 'id: AC-02', '');
    assert.deepEqual(workspaceSymbols(ws, 'AC-02')[0], {
      name: 'AC-02 Deprovisioning',
      id: 'AC-02',
      title: 'Deprovisioning',
      type: 'control',
      status: 'retired',
      path: 'controls/ac-02.md',
      span: find(text, 'AC-02'),
    });
    assert.deepEqual(workspaceSymbols(ws, 'system')[0], { name: 'system', id: 'system', title: 'system', type: 'narrative', status: 'approved', path: 'narratives/system.md', span: { start: 0, end: 0 } });
  });

  it('lists everything for an empty query, by id, up to the limit', () => {
    assert.deepEqual(workspaceSymbols(ws, '').map((s) => s.id), ['AC-01', 'AC-02', 'POL-ACCESS', 'system']);
    assert.equal(workspaceSymbols(ws, '', 2).length, 2);
  });
});
