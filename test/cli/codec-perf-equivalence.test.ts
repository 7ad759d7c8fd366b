// Parsed documents travel from worker threads, and come back from the cache, in a compact form.
// Rebuilt, each must be indistinguishable from what the parser returned: same values, same keys in
// the same order (reports serialise some of them).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedDocument } from '../../server/src/core/model/types';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { invalidUtf8Problem, unreadableDocument, withProblem } from '../../server/src/core/parse/unreadable';
import { decodeDocument, DocumentCache, DocumentEncoder, packDocuments, unpackDocuments } from '../../server/src/node/cache';
import { joinLines } from '../helpers';
import { HARBORVIEW, PROJECT, removeTemps, tempDir } from './cli';

function markdownFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(full, base));
    else if (e.name.endsWith('.md')) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

function parsedFolder(dir: string): ParsedDocument[] {
  return markdownFiles(dir).map((rel) => parseComplianceDocument(rel, fs.readFileSync(path.join(dir, rel), 'utf8'), {}));
}

/** Documents of every shape the parser makes: real repositories, a generated one, and odd cases. */
function sampleDocuments(): ParsedDocument[] {
  const generated = tempDir('cd-codec-');
  execFileSync(process.execPath, [path.join(PROJECT, 'bench', 'gen-corpus.mjs'), generated, '300', '7']);
  const odd: Array<[string, string]> = [
    ['policies/unmapped.md', joinLines('---', 'id: POL-X', 'title: Backup and restore', '---', '', 'Backups are encrypted and restored quarterly.')],
    ['controls/no-id.md', joinLines('---', 'title: "Quoted: title"', 'criteria: CC6.1, CC6.2', 'evidence: evidence/a.csv', '---')],
    ['controls/lists.md', joinLines('---', 'id: AC-9', 'criteria:', '  - CC6.1', '  - cc6.2', 'policies:', '- POL-A', 'evidence:', '  - path: ../evidence/2026-Q1/x.csv', '  - url: https://t.example.com/1', '    date: 2026-03-01', '  - {path: y.csv, date: not a date}', '  - 12', 'review_cycle: P90D', 'frequency: weekly', 'status: Draft', '---', 'See [x](../evidence/2026-06/x.csv "t") and ![i](<a b.png>) and [r].', '', '[r]: ./r.csv')],
    ['policies/comply.md', joinLines('name: Access', 'acronym: POL-C', 'satisfies:', '  TSC:', '    - CC6.1', 'majorRevisions:', '  - date: Jun 1 2026', '---', 'Body')],
    ['policies/broken.md', joinLines('---', 'id: POL-B', 'criteria: [[CC6.1]', '---', '')],
    ['policies/unclosed.md', joinLines('---', 'id: POL-U', 'title: never closed')],
    // A mapping table with IDs the catalog lacks, and a document named by its opening heading.
    ['mappings/soc2.md', joinLines('| Criterion | Documents |', '|---|---|', '| CC6.1 | [Access](../policies/access.md) |', '| P1.0 | [Privacy](../policies/privacy.md) |', '| P1.2, CC9.9 | Privacy Policy |')],
    ['policies/untitled.md', joinLines('---', 'owner: CISO', '---', '', '# **Privacy Policy**', '', 'Text.')],
    ['narratives/none.md', '# No frontmatter\r\n\r\nText with a [link](../evidence/x.csv).\r\n'],
    ['policies/bom.md', '\uFEFF---\nid: POL-BOM\n---\n'],
    ['policies/empty.md', ''],
    [
      'vendors/aws.md',
      joinLines(
        '---', 'id: VEN-AWS', 'type: vendor', 'criticality: Critical', 'services: [hosting]', 'relies_on: [security, processing_integrity, nope]', 'subservice: carve-out', 'last_reviewed: 2026-03-02',
        'assurance:', '  - type: soc2-type2', '    period: { start: 2025-01-01, end: 2025-12-31 }', '    opinion: qualified', '    categories: [security, availability]',
        '    report: evidence/vendors/aws.pdf', '    bridge_letter: { date: 2026-07-01, through: 2026-06-30, report: ../evidence/vendors/aws-bridge.pdf }',
        '  - type: soc2-type1', '    as_of: 2024-13-01', '  - pentest', 'cuecs:', '  - text: We enforce MFA', '    controls: [AC-02]', '  - We review access', '---', '', '## Response', '', 'Noted.',
      ),
    ],
    [
      'risks/payroll.md',
      joinLines(
        '---', 'id: RISK-012', 'type: risk', 'category: Fraud', 'criteria: [CC3.2, CC3.3]', 'inherent: { likelihood: 4, impact: 4 }', 'residual: { likelihood: 2, impact: nine }',
        'treatment: Accepted', 'controls: [FIN-03]', 'acceptance: { by: ceo, date: 2026-02-01, expires: 2027-02-01 }', 'last_reviewed: 2026-02-01', '---', '', '# Payroll fraud',
      ),
    ],
    ['risks/assessments/2026.md', joinLines('---', 'id: RA-2026', 'date: 2026-02-15', 'approved_by: ceo', 'risks: [RISK-012, RISK-404]', '---')],
  ];
  const docs = [...parsedFolder(HARBORVIEW), ...parsedFolder(generated), ...odd.map(([p, t]) => parseComplianceDocument(p, t, {}))];
  for (const fixture of fs.readdirSync(path.join(PROJECT, 'test', 'fixtures'))) docs.push(...parsedFolder(path.join(PROJECT, 'test', 'fixtures', fixture)));
  docs.push(unreadableDocument('policies/big.md', { kind: 'too-large', size: 9e6, limit: 5e6 }), unreadableDocument('policies/link.md', { kind: 'symlink-outside', via: 'policies/link.md' }));
  docs.push(withProblem(parseComplianceDocument('policies/latin1.md', '---\nid: POL-L\n---\nna\uFFFDve\n', {}), invalidUtf8Problem('---\nid: POL-L\n---\nna\uFFFDve\n')));
  docs.push({ ...parseComplianceDocument('policies/hashed.md', '---\nid: POL-H\n---\n', {}), hash: 'abc=' });
  // A key the layout does not know (a later version of the parser) still travels.
  docs.push({ ...parseComplianceDocument('policies/extra.md', '---\nid: POL-E\n---\n', {}), ...({ mentions: [{ id: 'CC6.1', span: { start: 1, end: 2 } }] } as object) });
  return docs;
}

describe('compact documents (perf equivalence)', () => {
  after(removeTemps);

  it('rebuilds every parsed document exactly, keys in the same order', () => {
    const docs = sampleDocuments();
    assert.ok(docs.length > 350, `only ${docs.length} sample documents`);
    const encoder = new DocumentEncoder();
    const at = docs.map((d) => encoder.add(d));
    const batch = encoder.finish();
    // Packed and through a structured clone, as between threads and through the cache file.
    const received = unpackDocuments(structuredClone(packDocuments(batch)));
    docs.forEach((d, k) => {
      const back = decodeDocument(received, at[k]);
      assert.deepEqual(back, d, d.path);
      assert.equal(JSON.stringify(back), JSON.stringify(d), `key order of ${d.path}`);
    });
  });

  it('keeps entries by path and content hash, drops unused ones, and forgets all when the context changes', () => {
    const dir = tempDir('cd-cache-');
    const doc = parseComplianceDocument('policies/a.md', joinLines('---', 'id: POL-A', 'criteria: [CC6.1]', '---', ''), {});
    const other = parseComplianceDocument('policies/b.md', joinLines('---', 'id: POL-B', '---', ''), {});
    const encoder = new DocumentEncoder();
    const atA = encoder.add(doc);
    const atB = encoder.add(other);
    const chunk = encoder.finish();

    const first = DocumentCache.open(dir, '/repo', 'context-1');
    first.put('policies/a.md', 'hash-a', chunk, atA);
    first.put('policies/b.md', 'hash-b', chunk, atB);
    first.save();

    const second = DocumentCache.open(dir, '/repo', 'context-1');
    assert.equal(second.hashOf('policies/a.md'), 'hash-a');
    assert.equal(second.get('policies/a.md', 'other-hash'), undefined, 'changed bytes miss');
    assert.deepEqual(second.get('policies/a.md', 'hash-a'), doc);
    // policies/b.md was not used in this run: it is not written back.
    second.save();

    const third = DocumentCache.open(dir, '/repo', 'context-1');
    assert.equal(third.hashOf('policies/b.md'), undefined);
    assert.deepEqual(third.get('policies/a.md', 'hash-a'), doc);
    assert.equal(DocumentCache.open(dir, '/repo', 'context-2').hashOf('policies/a.md'), undefined, 'another parser or other aliases');
    assert.equal(DocumentCache.open(dir, '/elsewhere', 'context-1').hashOf('policies/a.md'), undefined, 'another root');
  });

  it('treats a damaged cache file as empty', () => {
    const dir = tempDir('cd-cache-');
    const cache = DocumentCache.open(dir, '/repo', 'c');
    const encoder = new DocumentEncoder();
    const at = encoder.add(parseComplianceDocument('policies/a.md', '---\nid: A\n---\n', {}));
    cache.put('policies/a.md', 'h', encoder.finish(), at);
    cache.save();
    const [file] = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, file), Buffer.from('not a cache'));
    assert.equal(DocumentCache.open(dir, '/repo', 'c').hashOf('policies/a.md'), undefined);
  });
});
