import assert from 'node:assert/strict';
import { effectiveId, effectiveType } from '../../server/src/core/model/facts';
import { parseComplianceDocument, typeFromPath } from '../../server/src/core/parse/document';
import type { ParsedDocument, Span } from '../../server/src/core/model/types';
import { joinLines, marked } from '../helpers';

/** Parses text with «markers»; returns the document and the marked spans in order. */
function parseMarked(path: string, textWithMarkers: string, fields?: Parameters<typeof parseComplianceDocument>[2]): { doc: ParsedDocument; spans: Span[]; text: string } {
  const m = marked(textWithMarkers);
  return { doc: parseComplianceDocument(path, m.text, fields), spans: m.spans, text: m.text };
}

function codes(doc: ParsedDocument): string[] {
  return doc.problems.map((p) => p.code);
}

describe('parsing a document', () => {
  describe('native frontmatter', () => {
    it('reads every field with the exact span of its value', () => {
      const { doc, spans } = parseMarked(
        'controls/ac-01.md',
        joinLines(
          '---',
          'id: «AC-01»',
          'type: «control»',
          'title: «Quarterly access review»',
          'owner: «it-lead»',
          'status: «approved»',
          'criteria: [«CC6.2», «CC6.3»]',
          'policies: [«POL-ACCESS»]',
          'controls: []',
          'last_reviewed: «2026-06-30»',
          'review_cycle: «P6M»',
          'frequency: «quarterly»',
          '---',
          '',
          '# Quarterly access review',
        ),
      );
      const [id, type, title, owner, status, c1, c2, pol, reviewed, cycle, freq] = spans;
      assert.equal(doc.format, 'native');
      assert.deepEqual(doc.problems, []);
      assert.deepEqual(doc.id, { value: 'AC-01', span: id });
      assert.deepEqual(doc.type, { value: 'control', span: type });
      assert.deepEqual(doc.title, { value: 'Quarterly access review', span: title });
      assert.deepEqual(doc.owner, { value: 'it-lead', span: owner });
      assert.deepEqual(doc.status, { value: 'approved', span: status });
      assert.deepEqual(doc.criteria, [
        { value: 'CC6.2', span: c1 },
        { value: 'CC6.3', span: c2 },
      ]);
      assert.deepEqual(doc.policies, [{ value: 'POL-ACCESS', span: pol }]);
      assert.deepEqual(doc.controls, []);
      assert.deepEqual(doc.lastReviewed, { value: '2026-06-30', span: reviewed });
      assert.deepEqual(doc.reviewCycle, { value: { years: 0, months: 6, days: 0 }, span: cycle, text: 'P6M' });
      assert.deepEqual(doc.frequency, { value: 'quarterly', span: freq });
    });

    it('records where each key and its value sit, and the frontmatter block, anchor and insertion point', () => {
      const { doc, spans, text } = parseMarked('policies/p.md', joinLines('«---»', '«id»: «POL-1»', '«owner»:', '---', 'Body'));
      const [open, idKey, idValue, ownerKey] = spans;
      assert.deepEqual(doc.fields, [
        { field: 'id', key: 'id', keySpan: idKey, valueSpan: idValue },
        { field: 'owner', key: 'owner', keySpan: ownerKey, valueSpan: { start: ownerKey.end, end: ownerKey.end } },
      ]);
      assert.deepEqual(doc.frontmatter, { span: { start: 0, end: text.indexOf('\nBody') }, anchor: open, insertAt: text.lastIndexOf('---'), ok: true });
      assert.equal(doc.owner, undefined);
    });

    it('takes the type from the deepest folder named for one, and the id from the file name, when they are not written', () => {
      assert.equal(typeFromPath('docs/policies/access-control.md'), 'policy');
      assert.equal(typeFromPath('controls/Procedures/offboarding.md'), 'procedure');
      assert.equal(typeFromPath('notes/access.md'), undefined);
      const doc = parseComplianceDocument('docs/policies/access-control.md', joinLines('---', 'title: Access', '---', ''));
      assert.equal(doc.type, undefined);
      assert.equal(doc.id, undefined);
      assert.equal(effectiveType(doc), 'policy');
      assert.equal(effectiveId(doc), 'access-control');
      assert.equal(effectiveType(parseComplianceDocument('notes/a.md', '')), 'narrative');
    });

    it('reads an empty frontmatter block as frontmatter with no fields', () => {
      const doc = parseComplianceDocument('policies/empty.md', joinLines('---', '---', '', '# Empty'));
      assert.equal(doc.format, 'native');
      assert.equal(doc.frontmatter?.ok, true);
      assert.deepEqual(doc.fields, []);
      assert.deepEqual(doc.problems, []);
    });

    it('accepts `...` as the closing line', () => {
      const doc = parseComplianceDocument('policies/p.md', joinLines('---', 'id: POL-1', '...', 'Body'));
      assert.equal(doc.id?.value, 'POL-1');
      assert.equal(doc.frontmatter?.ok, true);
    });

    it('reports frontmatter that is never closed on its opening line', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('«---»', 'id: POL-1', '', '# Body'));
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        [['frontmatter-syntax', spans[0]]],
      );
      assert.equal(doc.frontmatter?.ok, false);
      assert.equal(doc.id, undefined);
    });

    it('reports YAML that does not parse at the parser position, and reads no fields', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', 'id: POL-1', 'title: «Encryption»: keys', 'owner: ciso', '---'));
      assert.equal(doc.problems.length, 1);
      assert.equal(doc.problems[0].code, 'frontmatter-syntax');
      assert.equal(doc.problems[0].span.start, spans[0].start);
      assert.match(doc.problems[0].message, /^The frontmatter is not valid YAML: nested mappings are not allowed in compact mappings\./);
      assert.equal(doc.owner, undefined);
      assert.equal(doc.frontmatter?.ok, false);
    });

    it('reports a document with no frontmatter as format none, with no problems of its own', () => {
      const doc = parseComplianceDocument('procedures/laptop.md', joinLines('# Laptop setup', '', 'Note: install the agent.'));
      assert.equal(doc.format, 'none');
      assert.equal(doc.frontmatter, undefined);
      assert.deepEqual(doc.problems, []);
    });
  });

  describe('line endings and byte order marks', () => {
    it('reads CRLF frontmatter with spans that never include the carriage return', () => {
      const { doc, spans, text } = parseMarked('controls/ac-01.md', ['«---»', 'id: «AC-01»', 'criteria:', '  - «CC6.1»', '  - «CC6.2»', 'last_reviewed: «2026-06-30»', '---', '', 'See [log](«../evidence/2026-Q2/log.csv»).', ''].join('\r\n'));
      const [open, id, c1, c2, reviewed, link] = spans;
      assert.equal(doc.frontmatter?.anchor.end, open.end);
      assert.deepEqual(doc.id?.span, id);
      assert.deepEqual(
        doc.criteria.map((c) => c.span),
        [c1, c2],
      );
      assert.deepEqual(doc.lastReviewed, { value: '2026-06-30', span: reviewed });
      assert.deepEqual(doc.evidence.map((e) => e.span), [link]);
      assert.equal(doc.lists.criteria?.itemPrefix, '  - ');
      assert.equal(text.slice(doc.frontmatter?.insertAt ?? 0).startsWith('---\r\n'), true);
      assert.deepEqual(doc.problems, []);
    });

    it('reads frontmatter after a byte order mark, with offsets into the text as given', () => {
      const { doc, spans } = parseMarked('policies/p.md', `\uFEFF${joinLines('«---»', 'id: «POL-1»', '---', '')}`);
      assert.equal(doc.format, 'native');
      assert.deepEqual(doc.frontmatter?.anchor, spans[0]);
      assert.deepEqual(doc.id?.span, spans[1]);
      assert.equal(spans[0].start, 1);
    });

    it('reads comply frontmatter after a byte order mark', () => {
      const doc = parseComplianceDocument('policies/p.md', `\uFEFF${joinLines('name: Access Policy', 'acronym: AP', '---', '')}`);
      assert.equal(doc.format, 'comply');
      assert.equal(doc.id?.value, 'AP');
    });
  });

  describe("comply's format", () => {
    const ACCESS = joinLines(
      '«name»: «Access Onboarding and Termination Policy»',
      'acronym: «AOTP»',
      'satisfies:',
      '  TSC:',
      '    - «CC6.1»',
      '    - «CC6.2»',
      'majorRevisions:',
      '  - date: Jun 1 2018',
      '    comment: Initial document',
      '  - date: «Sep 3 2026»',
      '    comment: Contractor accounts expire',
      '  - date: Feb 12 2026',
      '    comment: New identity provider',
      '---',
      '',
      '# Access Onboarding and Termination Policy',
    );

    it('reads YAML with no opening line up to the first --- line: name, acronym, satisfies.TSC, the latest revision', () => {
      const { doc, spans } = parseMarked('policies/access.md', ACCESS);
      const [nameKey, title, id, c1, c2, reviewed] = spans;
      assert.equal(doc.format, 'comply');
      assert.deepEqual(doc.problems, []);
      assert.deepEqual(doc.title, { value: 'Access Onboarding and Termination Policy', span: title });
      assert.deepEqual(doc.id, { value: 'AOTP', span: id });
      assert.deepEqual(doc.criteria, [
        { value: 'CC6.1', span: c1 },
        { value: 'CC6.2', span: c2 },
      ]);
      assert.deepEqual(doc.lastReviewed, { value: '2026-09-03', span: reviewed });
      assert.deepEqual(doc.frontmatter?.anchor, { start: nameKey.start, end: title.end });
      assert.equal(doc.fields.find((f) => f.key === 'acronym')?.field, 'id');
      assert.equal(doc.fields.find((f) => f.key === 'majorRevisions')?.field, 'last_reviewed');
    });

    it('reads the spellings of dates comply repositories use', () => {
      for (const [written, date] of [
        ['Jun 1 2018', '2018-06-01'],
        ['June 1, 2018', '2018-06-01'],
        ['"Jan 15 2026"', '2026-01-15'],
        ['October 1, 2019', '2019-10-01'],
        ['1 June 2018', '2018-06-01'],
        ['2020-02-29', '2020-02-29'],
      ]) {
        const doc = parseComplianceDocument('policies/p.md', joinLines('name: P', 'majorRevisions:', `  - date: ${written}`, '---', ''));
        assert.equal(doc.lastReviewed?.value, date, written);
      }
    });

    it('reports a revision date that is not a date on the value', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('name: P', 'majorRevisions:', '  - date: «Jun 31 2018»', '---', ''));
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        [['field-invalid', spans[0]]],
      );
      assert.equal(doc.lastReviewed, undefined);
    });

    it('reads an explicit id, ignores other frameworks under satisfies, and ends at the first --- line', () => {
      const text = joinLines('id: "offboard"', 'name: "Offboard User"', 'satisfies:', '  ISO27001: [A.9.2.6]', '  TSC: [CC6.2]', '---', '', 'Body', '', '---', '', 'More');
      const doc = parseComplianceDocument('narratives/system.md', text);
      assert.equal(doc.id?.value, 'offboard');
      assert.deepEqual(
        doc.criteria.map((c) => c.value),
        ['CC6.2'],
      );
      assert.deepEqual(doc.frontmatter?.span, { start: 0, end: text.indexOf('---') + 3 });
      assert.deepEqual(doc.problems, []);
    });

    it('reads satisfies under the name the standard is given (`TSC 2017`, `SOC2`), not under another framework\'s', () => {
      for (const name of ['TSC 2017', 'TSC-2017', 'SOC2', 'SOC 2', 'Trust Services Criteria']) {
        const doc = parseComplianceDocument('policies/access.md', joinLines('---', 'name: Access', 'acronym: AP', 'satisfies:', '  ISO 27001: [A.9.2.6]', `  ${name}:`, '    - CC6.1', '    - CC6.2', '---', ''));
        assert.deepEqual(doc.criteria.map((c) => c.value), ['CC6.1', 'CC6.2'], name);
      }
      const other = parseComplianceDocument('policies/access.md', joinLines('---', 'name: Access', 'satisfies:', '  NIST 800-53: [AC-2]', '  TSCX: [CC6.1]', '---', ''));
      assert.deepEqual(other.criteria, []);
    });

    it('does not take prose that starts with `Word:` for frontmatter', () => {
      const doc = parseComplianceDocument('procedures/laptop.md', joinLines('Note: install the agent first.', '', '---', '', 'Then enrol the laptop.'));
      assert.equal(doc.format, 'none');
      assert.deepEqual(doc.problems, []);
    });

    it('reports a broken comply block that starts with a comply key', () => {
      const doc = parseComplianceDocument('policies/p.md', joinLines('name: Access: policy', 'acronym: AP', '---', ''));
      assert.equal(doc.format, 'comply');
      assert.deepEqual(codes(doc), ['frontmatter-syntax']);
    });
  });

  describe('fields: aliases', () => {
    const fields = { fields: { last_reviewed: ['last_reviewed', 'last_updated', 'approval_date'], owner: ['owner', 'document_owner'], criteria: ['criteria', 'soc2_criteria'] } };

    it('reads each field from the first alias present, on the key as written', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', '«document_owner»: «ciso»', 'approval_date: 2024-03-01', 'last_updated: «2026-08-20»', 'soc2_criteria: [«CC1.1»]', '---', ''), fields);
      const [ownerKey, owner, reviewed, criterion] = spans;
      assert.deepEqual(doc.owner, { value: 'ciso', span: owner });
      assert.deepEqual(doc.lastReviewed, { value: '2026-08-20', span: reviewed });
      assert.deepEqual(doc.criteria, [{ value: 'CC1.1', span: criterion }]);
      assert.deepEqual(doc.fields[0], { field: 'owner', key: 'document_owner', keySpan: ownerKey, valueSpan: owner });
      assert.equal(doc.fields.find((f) => f.key === 'approval_date')?.field, 'approval_date');
    });

    it('does not read keys the aliases do not list', () => {
      const doc = parseComplianceDocument('policies/p.md', joinLines('---', 'reviewed_on: 2026-01-01', 'tsc: [CC9.9]', 'criteria: [CC1.5]', '---', ''), fields);
      assert.equal(doc.lastReviewed, undefined);
      assert.deepEqual(
        doc.criteria.map((c) => c.value),
        ['CC1.5'],
      );
    });

    it('reports a bad value under an alias on the value, naming the key as written', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', 'last_updated: «someday»', '---', ''), fields);
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        [['field-invalid', spans[0]]],
      );
      assert.match(doc.problems[0].message, /^`last_updated` is `someday`, which is not a date\./);
    });
  });

  describe('lists', () => {
    it('gives each item of a flow list its own span, and records the list shape', () => {
      const { doc, spans, text } = parseMarked('policies/p.md', joinLines('---', 'criteria: [«CC6.1», «CC6.2»,   «CC6.3»]', '---', ''));
      assert.deepEqual(
        doc.criteria.map((x) => x.span),
        spans,
      );
      assert.deepEqual(doc.lists.criteria, { flow: true, span: { start: text.indexOf('['), end: text.indexOf(']') + 1 } });
    });

    it('gives each item of a block list its own span, and records its item prefix', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', 'controls:', '    - «AC-01»', '    - «AC-02»', 'owner: x', '---', ''));
      assert.deepEqual(
        doc.controls.map((x) => [x.value, x.span]),
        [
          ['AC-01', spans[0]],
          ['AC-02', spans[1]],
        ],
      );
      assert.equal(doc.lists.controls?.flow, false);
      assert.equal(doc.lists.controls?.itemPrefix, '    - ');
      assert.deepEqual(doc.lists.controls?.span, { start: spans[0].start - '- '.length, end: spans[1].end });
    });

    it('reports a list written as a single value, with a fix that makes it a list', () => {
      const { doc, spans, text } = parseMarked('policies/p.md', joinLines('---', 'criteria: «CC6.1, CC6.2»', '---', ''));
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        [['field-invalid', spans[0]]],
      );
      const edit = doc.problems[0].fixes?.[0].changes[0];
      assert.ok(edit?.kind === 'edit');
      assert.equal(text.slice(0, edit.edits[0].span.start) + edit.edits[0].newText + text.slice(edit.edits[0].span.end), joinLines('---', 'criteria: [CC6.1, CC6.2]', '---', ''));
      assert.deepEqual(doc.criteria, []);
    });

    it('reports an item that is not a single value', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', 'criteria: [CC6.1, «{a: b}»]', '---', ''));
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        [['field-invalid', spans[0]]],
      );
      assert.deepEqual(
        doc.criteria.map((c) => c.value),
        ['CC6.1'],
      );
    });
  });

  describe('evidence', () => {
    it('reads the three forms: a path, {path, date} and {url, date}, each on the path or URL', () => {
      const { doc, spans } = parseMarked(
        'controls/ac-01.md',
        joinLines(
          '---',
          'id: AC-01',
          'evidence:',
          '  - «../evidence/2026-Q2/review.csv»',
          '  - path: «/evidence/march.csv»',
          '    date: «2026-03-28»',
          '  - url: «https://tickets.example.com/SEC-123»',
          '    date: «2026-06-30»',
          '  - «https://drive.example.com/export»',
          '  - «../evidence/2026-07/scan.csv»',
          '---',
          '',
        ),
      );
      assert.deepEqual(doc.evidence, [
        { source: 'frontmatter', target: '../evidence/2026-Q2/review.csv', kind: 'path', span: spans[0], date: '2026-06-30', dateFrom: 'path' },
        // A recorded date keeps where it is written, for the findings about it.
        { source: 'frontmatter', target: '/evidence/march.csv', kind: 'path', span: spans[1], date: '2026-03-28', dateFrom: 'field', dateSpan: spans[2] },
        { source: 'frontmatter', target: 'https://tickets.example.com/SEC-123', kind: 'url', span: spans[3], date: '2026-06-30', dateFrom: 'field', dateSpan: spans[4] },
        { source: 'frontmatter', target: 'https://drive.example.com/export', kind: 'url', span: spans[5] },
        { source: 'frontmatter', target: '../evidence/2026-07/scan.csv', kind: 'path', span: spans[6], date: '2026-07-31', dateFrom: 'path' },
      ]);
      assert.deepEqual(doc.problems, []);
      assert.equal(doc.lists.evidence?.flow, false);
    });

    it('reports entries of the wrong shape on the entry or the value', () => {
      const { doc, spans } = parseMarked(
        'controls/ac-01.md',
        joinLines(
          '---',
          'id: AC-01',
          'evidence:',
          '  - «date: 2026-01-01»',
          '  - path: a.csv',
          '    date: «2026-06-31»',
          '  - url: «SEC-123»',
          '  - «[a, b]»',
          '---',
          '',
        ),
      );
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span]),
        spans.map((s) => ['field-invalid', s]),
      );
      assert.match(doc.problems[0].message, /neither `path:` nor `url:`/);
      assert.match(doc.problems[1].message, /`2026-06-31` is not a date/);
    });

    it('reads local links and images in the body as evidence, on the destination, but not URLs or anchors', () => {
      const { doc, spans } = parseMarked(
        'controls/ac-01.md',
        joinLines(
          '---',
          'id: AC-01',
          '---',
          '',
          'The [Q1 export](«../evidence/2026-Q1/review.csv») and ![screenshot](«shots/2026-03-02-okta.png»).',
          'See [the policy](«../policies/access.md»), [our wiki](https://wiki.example.com/x), [below](#steps) and <https://example.com>.',
          '',
          '[ref]: «../evidence/ref.csv»',
        ),
      );
      assert.deepEqual(
        doc.evidence.map((e) => [e.source, e.target, e.span, e.date]),
        [
          ['body', '../evidence/2026-Q1/review.csv', spans[0], '2026-03-31'],
          ['body', 'shots/2026-03-02-okta.png', spans[1], '2026-03-02'],
          ['body', '../policies/access.md', spans[2], undefined],
          ['body', '../evidence/ref.csv', spans[3], undefined],
        ],
      );
    });

    it('keeps body links to Windows drive paths, so they can be reported as leaving the repository', () => {
      const doc = parseComplianceDocument('controls/ac-01.md', joinLines('---', 'id: AC-01', '---', '[report](C:/audit/report.pdf) and [mail](mailto:it@example.com)'));
      assert.deepEqual(
        doc.evidence.map((e) => e.target),
        ['C:/audit/report.pdf'],
      );
    });

    it('finds no links in the frontmatter and reads the body after it', () => {
      const doc = parseComplianceDocument('controls/ac-01.md', joinLines('---', 'id: AC-01', 'title: "[x](y.csv)"', '---', '[x](z.csv)'));
      assert.deepEqual(
        doc.evidence.map((e) => e.target),
        ['z.csv'],
      );
    });
  });

  describe('field values', () => {
    it('reports unknown enum values with the nearest value as a fix', () => {
      const { doc, spans } = parseMarked('controls/ac-01.md', joinLines('---', 'id: AC-01', 'status: «aproved»', 'type: «contrl»', 'frequency: «quartely»', 'review_cycle: «yearly»', '---', ''));
      assert.deepEqual(
        [...doc.problems].sort((a, b) => a.span.start - b.span.start).map((p) => [p.code, p.span, p.fixes?.[0]?.title]),
        [
          ['field-invalid', spans[0], 'Change to `approved`'],
          ['field-invalid', spans[1], 'Change to `control`'],
          ['field-invalid', spans[2], 'Change to `quarterly`'],
          ['field-invalid', spans[3], undefined],
        ],
      );
    });

    it('reads an ISO timestamp as its date and rejects days that do not exist', () => {
      assert.equal(parseComplianceDocument('policies/p.md', joinLines('---', 'last_reviewed: 2026-06-30T10:00:00Z', '---', '')).lastReviewed?.value, '2026-06-30');
      const doc = parseComplianceDocument('policies/p.md', joinLines('---', 'last_reviewed: 2026-02-29', '---', ''));
      assert.equal(doc.lastReviewed, undefined);
      assert.deepEqual(codes(doc), ['field-invalid']);
    });

    it('requires an explicit id on a control, offering one from the file name', () => {
      const { doc, spans } = parseMarked('controls/access-review.md', joinLines('«---»', 'title: Access review', '---', ''));
      assert.deepEqual(
        doc.problems.map((p) => [p.code, p.span, p.fixes?.[0]?.title]),
        [['field-invalid', spans[0], 'Add `id: ACCESS-REVIEW`']],
      );
    });

    it('reports a single-value field given a list or a mapping', () => {
      const { doc, spans } = parseMarked('policies/p.md', joinLines('---', 'title: «[a, b]»', 'id: «{x: 1}»', '---', ''));
      assert.deepEqual(
        [...doc.problems].sort((a, b) => a.span.start - b.span.start).map((p) => [p.code, p.span]),
        spans.map((s) => ['field-invalid', s]),
      );
      assert.match(doc.problems.find((p) => p.span.start === spans[0].start)?.message ?? '', /^`title` must be a single value, but it is a list\./);
    });
  });
});
