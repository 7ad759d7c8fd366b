import assert from 'node:assert/strict';
import { documentLinks } from '../../../server/src/core/features/links';
import { joinLines, marked, workspaceOf } from '../../helpers';

describe('document links', () => {
  const { text, spans } = marked(
    joinLines(
      '---',
      'id: AC-01',
      'type: control',
      'evidence:',
      '  - «../evidence/2026-Q1/review.csv»',
      '  - path: "«/evidence/2026-Q2/review.csv»"',
      '    date: 2026-06-30',
      '  - url: «https://tickets.example.com/SEC-9»',
      '  - ../evidence/missing.csv',
      '  - ../../outside.csv',
      '  - ../evidence',
      '---',
      '',
      'Signed off in [the log](«../evidence/log.txt») under [the policy](«../policies/access.md»).',
      'Not evidence: [the wiki](https://wiki.example.com) and [a section](#scope).',
      '',
    ),
  );
  const files = {
    'controls/ac-01.md': text,
    'policies/access.md': joinLines('---', 'id: POL-ACCESS', '---', ''),
    'evidence/2026-Q1/review.csv': 'x\n',
    'evidence/2026-Q2/review.csv': 'x\n',
    'evidence/log.txt': 'x\n',
  };

  it('links evidence files that exist inside the root, frontmatter and body, URLs to themselves, and other documents', () => {
    assert.deepEqual(documentLinks(workspaceOf(files), 'controls/ac-01.md', text), [
      { span: spans[0], target: { kind: 'file', path: 'evidence/2026-Q1/review.csv' }, tooltip: 'Open evidence evidence/2026-Q1/review.csv (dated 2026-03-31)' },
      { span: spans[1], target: { kind: 'file', path: 'evidence/2026-Q2/review.csv' }, tooltip: 'Open evidence evidence/2026-Q2/review.csv (dated 2026-06-30)' },
      { span: spans[2], target: { kind: 'url', url: 'https://tickets.example.com/SEC-9' }, tooltip: 'Open https://tickets.example.com/SEC-9' },
      { span: spans[3], target: { kind: 'file', path: 'evidence/log.txt' }, tooltip: 'Open evidence evidence/log.txt' },
      { span: spans[4], target: { kind: 'file', path: 'policies/access.md' }, tooltip: 'Open policies/access.md (POL-ACCESS)' },
    ]);
  });

  it('gives no link for a missing file, a path outside the root or a folder', () => {
    const targets = documentLinks(workspaceOf(files), 'controls/ac-01.md', text).map((l) => (l.target.kind === 'file' ? l.target.path : l.target.url));
    assert.ok(!targets.some((t) => /missing|outside|^evidence$/.test(t)), JSON.stringify(targets));
  });

  it('links a file once it appears', () => {
    const ws = workspaceOf(files);
    ws.addFile('evidence/missing.csv', { kind: 'file', size: 1 });
    const link = documentLinks(ws, 'controls/ac-01.md', text).find((l) => l.target.kind === 'file' && l.target.path === 'evidence/missing.csv');
    const at = text.indexOf('../evidence/missing.csv');
    assert.deepEqual(link?.span, { start: at, end: at + '../evidence/missing.csv'.length });
  });

  it('links evidence in a file the index does not know yet, from its text', () => {
    const draft = joinLines('---', 'evidence: [«/evidence/log.txt»]', '---', '');
    const m = marked(draft);
    assert.deepEqual(documentLinks(workspaceOf(files), 'controls/new.md', m.text), [{ span: m.span, target: { kind: 'file', path: 'evidence/log.txt' }, tooltip: 'Open evidence evidence/log.txt' }]);
  });
});
