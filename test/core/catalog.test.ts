import assert from 'node:assert/strict';
import {
  CATEGORIES,
  CRITERIA,
  CRITERION_ID_PATTERN,
  SERIES,
  criteriaInCategory,
  criteriaInSeries,
  getCategory,
  getCriterion,
  getSeries,
  looksLikeCriterionId,
  parseCategory,
  rankCriteria,
  suggestCriteria,
  tokenize,
} from '../../server/src/core/catalog/catalog';

const ids = (list: readonly { id: string }[]): string[] => list.map((c) => c.id);

describe('SOC 2 catalog', () => {
  describe('criteria', () => {
    it('lists the 61 criteria of the 2017 Trust Services Criteria in canonical order', () => {
      const expected = [
        'CC1.1', 'CC1.2', 'CC1.3', 'CC1.4', 'CC1.5', 'CC2.1', 'CC2.2', 'CC2.3', 'CC3.1', 'CC3.2', 'CC3.3', 'CC3.4',
        'CC4.1', 'CC4.2', 'CC5.1', 'CC5.2', 'CC5.3', 'CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7',
        'CC6.8', 'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC7.5', 'CC8.1', 'CC9.1', 'CC9.2',
        'A1.1', 'A1.2', 'A1.3', 'C1.1', 'C1.2', 'PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5',
        'P1.1', 'P2.1', 'P3.1', 'P3.2', 'P4.1', 'P4.2', 'P4.3', 'P5.1', 'P5.2',
        'P6.1', 'P6.2', 'P6.3', 'P6.4', 'P6.5', 'P6.6', 'P6.7', 'P7.1', 'P8.1',
      ];
      assert.deepEqual(ids(CRITERIA), expected);
    });

    it('counts 33 common criteria, 3 availability, 2 confidentiality, 5 processing integrity and 18 privacy', () => {
      const counts = Object.fromEntries(CATEGORIES.map((c) => [c.id, criteriaInCategory(c.id).length]));
      assert.deepEqual(counts, { security: 33, availability: 3, confidentiality: 2, processing_integrity: 5, privacy: 18 });
    });

    it('has as many criteria in each series as the reference table', () => {
      const counts = Object.fromEntries(SERIES.map((s) => [s.id, criteriaInSeries(s.id).length]));
      assert.deepEqual(counts, {
        CC1: 5, CC2: 3, CC3: 4, CC4: 2, CC5: 3, CC6: 8, CC7: 5, CC8: 1, CC9: 2,
        A1: 3, C1: 2, PI1: 5,
        P1: 1, P2: 1, P3: 2, P4: 3, P5: 2, P6: 7, P7: 1, P8: 1,
      });
    });

    it('gives every criterion a unique id that starts with its series and ends with its position in it', () => {
      assert.equal(new Set(ids(CRITERIA)).size, CRITERIA.length);
      for (const series of SERIES) {
        criteriaInSeries(series.id).forEach((c, index) => {
          assert.equal(c.series, series.id);
          assert.equal(c.id, `${series.id}.${index + 1}`);
        });
      }
    });

    it('files every criterion under the category of its series', () => {
      for (const c of CRITERIA) assert.equal(c.category, getSeries(c.series)?.category, c.id);
    });

    it('gives every criterion a title and an explanation of two to four sentences', () => {
      for (const c of CRITERIA) {
        assert.ok(c.title.trim().length > 0, c.id);
        const sentences = c.explanation.match(/[.!?](?=\s|$)/g) ?? [];
        assert.ok(sentences.length >= 2 && sentences.length <= 4, `${c.id} has ${sentences.length} sentences`);
        assert.match(c.explanation, /Auditors/, `${c.id} says what an auditor asks for`);
      }
    });

    it('gives every criterion 6 to 15 distinct lower-case keywords that tokenize to themselves', () => {
      for (const c of CRITERIA) {
        assert.ok(c.keywords.length >= 6 && c.keywords.length <= 15, `${c.id} has ${c.keywords.length} keywords`);
        assert.equal(new Set(c.keywords).size, c.keywords.length, `${c.id} repeats a keyword`);
        for (const keyword of c.keywords) {
          assert.deepEqual({ ...tokenize(keyword) }, { [keyword]: 1 }, `${c.id} keyword "${keyword}"`);
        }
      }
    });

    it('records the COSO principle for CC1 to CC5 and for nothing else', () => {
      for (const c of CRITERIA) {
        const inCoso = /^CC[1-5]\./.test(c.id);
        assert.equal(c.coso !== undefined, inCoso, c.id);
      }
      assert.equal(getCriterion('CC1.1')?.coso, 1);
      assert.equal(getCriterion('CC2.3')?.coso, 15);
      assert.equal(getCriterion('CC5.1')?.coso, 10);
    });

    it('is frozen, so no caller can change the catalog for everyone else', () => {
      assert.ok(Object.isFrozen(CRITERIA));
      assert.ok(Object.isFrozen(CRITERIA[0]));
      assert.ok(Object.isFrozen(CRITERIA[0].keywords));
    });
  });

  describe('series and categories', () => {
    it('names each series plainly', () => {
      assert.equal(getSeries('CC6')?.title, 'Logical and Physical Access');
      assert.equal(getSeries('CC8')?.title, 'Change Management');
      assert.equal(getSeries('P4')?.title, 'Use, Retention and Disposal');
      assert.equal(getSeries('PI1')?.category, 'processing_integrity');
      assert.equal(getSeries('CC10'), undefined);
    });

    it('lists the five categories, security first, each with its series in order', () => {
      assert.deepEqual(
        CATEGORIES.map((c) => [c.id, c.title, c.series.join(' ')]),
        [
          ['security', 'Security', 'CC1 CC2 CC3 CC4 CC5 CC6 CC7 CC8 CC9'],
          ['availability', 'Availability', 'A1'],
          ['confidentiality', 'Confidentiality', 'C1'],
          ['processing_integrity', 'Processing Integrity', 'PI1'],
          ['privacy', 'Privacy', 'P1 P2 P3 P4 P5 P6 P7 P8'],
        ],
      );
      assert.equal(getCategory('processing_integrity').title, 'Processing Integrity');
    });

    it('returns no criteria for a series it does not know', () => {
      assert.deepEqual(criteriaInSeries('CC10'), []);
      assert.deepEqual(criteriaInSeries('cc6'), []);
    });
  });

  describe('getCriterion', () => {
    it('finds a criterion by its exact id', () => {
      assert.equal(getCriterion('CC6.4')?.title, 'Physical access');
      assert.equal(getCriterion('P6.7')?.series, 'P6');
    });

    it('does not find ids that differ in case or are not in the catalog', () => {
      assert.equal(getCriterion('cc6.1'), undefined);
      assert.equal(getCriterion('CC9.9'), undefined);
      assert.equal(getCriterion(' CC6.1'), undefined);
    });
  });

  describe('parseCategory', () => {
    it('reads a category in any case', () => {
      assert.equal(parseCategory('Security'), 'security');
      assert.equal(parseCategory('AVAILABILITY'), 'availability');
      assert.equal(parseCategory('privacy'), 'privacy');
    });

    for (const text of ['processing_integrity', 'processing-integrity', 'processing integrity', 'processingintegrity', 'Processing Integrity']) {
      it(`reads "${text}" as processing integrity`, () => {
        assert.equal(parseCategory(text), 'processing_integrity');
      });
    }

    it('rejects names that are not categories', () => {
      assert.equal(parseCategory('integrity'), undefined);
      assert.equal(parseCategory('soc2'), undefined);
      assert.equal(parseCategory(''), undefined);
    });
  });

  describe('CRITERION_ID_PATTERN', () => {
    const scan = (text: string): string[] => [...text.matchAll(CRITERION_ID_PATTERN)].map((m) => m[0]);

    it('finds valid and invalid IDs in a sentence', () => {
      assert.deepEqual(scan('This control covers CC6.1 and, per the old template, CC9.9.'), ['CC6.1', 'CC9.9']);
    });

    it('finds every shape of ID, known to the catalog or not', () => {
      assert.deepEqual(scan('CC1.1 CC9.9 CC10.2 A1.4 C1.1 PI1.6 P6.8'), ['CC1.1', 'CC9.9', 'CC10.2', 'A1.4', 'C1.1', 'PI1.6', 'P6.8']);
    });

    it('ignores IDs glued to other letters or written in lower case', () => {
      assert.deepEqual(scan('ACC6.1 CC6.1a cc6.1 xP1.1'), []);
    });

    it('works the same when used twice in a row', () => {
      assert.deepEqual(scan('see CC7.4'), ['CC7.4']);
      assert.deepEqual(scan('see CC7.4'), ['CC7.4']);
    });
  });

  describe('looksLikeCriterionId', () => {
    it('accepts text shaped like an ID whether or not the catalog has it', () => {
      for (const text of ['CC6.1', 'CC9.9', 'CC10.2', 'A1.4', 'PI1.6', 'P6.8']) assert.ok(looksLikeCriterionId(text), text);
    });

    it('rejects other text', () => {
      for (const text of ['cc6.1', 'CC6', 'CC6.1a', ' CC6.1', 'AC-01', 'ISO27001']) assert.ok(!looksLikeCriterionId(text), text);
    });
  });

  describe('suggestCriteria', () => {
    for (const raw of ['cc6.1', 'CC 6.1', 'CC6-1', 'CC6_1', 'CC06.1', 'cc6.01', ' CC6.1', 'CC-6.1', 'CC6.1.']) {
      it(`normalizes "${raw}" to CC6.1`, () => {
        assert.deepEqual(suggestCriteria(raw), { kind: 'normalized', id: 'CC6.1' });
      });
    }

    it('normalizes other categories too', () => {
      assert.deepEqual(suggestCriteria('pi1.3'), { kind: 'normalized', id: 'PI1.3' });
      assert.deepEqual(suggestCriteria('a1-2'), { kind: 'normalized', id: 'A1.2' });
    });

    it('has nothing to suggest for a valid ID', () => {
      assert.equal(suggestCriteria('CC6.1'), undefined);
    });

    const families: [string, string[]][] = [
      ['CC6', ['CC6.1', 'CC6.2', 'CC6.3', 'CC6.4', 'CC6.5', 'CC6.6', 'CC6.7', 'CC6.8']],
      ['p6', ['P6.1', 'P6.2', 'P6.3', 'P6.4', 'P6.5', 'P6.6', 'P6.7']],
      ['A1', ['A1.1', 'A1.2', 'A1.3']],
      ['PI1', ['PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5']],
      ['CC8', ['CC8.1']],
    ];
    for (const [raw, expected] of families) {
      it(`expands the series "${raw}" to its criteria`, () => {
        assert.deepEqual(suggestCriteria(raw), { kind: 'family', ids: expected });
      });
    }

    const unknownNumbers: [string, string[]][] = [
      ['CC9.9', ['CC9.2', 'CC9.1']],
      ['CC6.9', ['CC6.8', 'CC6.7']],
      ['CC8.2', ['CC8.1']],
      ['A1.4', ['A1.3', 'A1.2']],
      ['PI1.6', ['PI1.5', 'PI1.4']],
      ['P6.8', ['P6.7', 'P6.6']],
      ['cc9.9', ['CC9.2', 'CC9.1']],
    ];
    for (const [raw, expected] of unknownNumbers) {
      it(`suggests the numerically nearest criteria of the series for "${raw}"`, () => {
        assert.deepEqual(suggestCriteria(raw), { kind: 'nearest', ids: expected });
      });
    }

    it('suggests the closest spelling for a series that does not exist', () => {
      assert.deepEqual(suggestCriteria('CC10.1'), { kind: 'nearest', ids: ['CC1.1'] });
      assert.deepEqual(suggestCriteria('CCC6.1'), { kind: 'nearest', ids: ['CC6.1'] });
    });

    it('suggests the closest spelling for an ID missing its dot', () => {
      assert.deepEqual(suggestCriteria('CC61'), { kind: 'nearest', ids: ['CC6.1'] });
    });

    it('breaks ties in spelling distance by catalog order, at most two', () => {
      // C6.1 is one edit from CC6.1, C1.1 and P6.1.
      assert.deepEqual(suggestCriteria('C6.1'), { kind: 'nearest', ids: ['CC6.1', 'C1.1'] });
    });

    for (const raw of ['XYZ', 'hello', 'ISO27001', '', '   ', 'AC-01', '6.1', 'CC6.1.2.3']) {
      it(`has nothing plausible to suggest for "${raw}"`, () => {
        assert.equal(suggestCriteria(raw), undefined);
      });
    }
  });

  describe('tokenize', () => {
    it('counts lower-case words of three or more letters and digits', () => {
      assert.deepEqual({ ...tokenize('Backup, BACKUP; backup-restore in 2026 at S3') }, { backup: 3, restore: 1, '2026': 1 });
    });

    it('drops common English words', () => {
      assert.deepEqual({ ...tokenize('The access that they have is reviewed with care') }, { access: 1, reviewed: 1, care: 1 });
    });

    it('splits on punctuation, markup and criterion IDs', () => {
      assert.deepEqual({ ...tokenize('**MFA**/SSO (see [CC6.1](x)): enforced_by_idp') }, {
        mfa: 1, sso: 1, see: 1, cc6: 1, enforced: 1, idp: 1,
      });
    });

    it('keeps letters outside ASCII inside words', () => {
      assert.deepEqual({ ...tokenize('Données protégées') }, { données: 1, protégées: 1 });
    });

    it('counts words that are also names of object properties', () => {
      assert.deepEqual({ ...tokenize('constructor constructor') }, { constructor: 2 });
    });

    it('returns no words for empty text', () => {
      assert.deepEqual({ ...tokenize('') }, {});
    });
  });

  describe('rankCriteria', () => {
    const rank = (text: string, options?: Parameters<typeof rankCriteria>[1]): string[] => ids(rankCriteria(tokenize(text), options));

    it('puts an access control criterion first for quarterly user access reviews and least privilege', () => {
      const ranked = rank(
        'Every quarter, system owners review the user access lists of production systems. Access is granted on ' +
          'the principle of least privilege, and any access the reviewer finds excessive is removed within five days.',
      );
      assert.match(ranked[0], /^CC6\./);
      assert.equal(ranked[0], 'CC6.3');
    });

    it('puts backup and recovery testing first for a paragraph about backups and restore tests', () => {
      const ranked = rank(
        'Production databases are backed up nightly with encrypted snapshots kept for 35 days. Backups are copied ' +
          'to a second region. Each quarter an engineer restores a backup into staging and records the restore test result.',
      );
      assert.ok(['A1.2', 'A1.3'].includes(ranked[0]), `got ${ranked.join(', ')}`);
    });

    it('puts change management first for pull requests that need an approval before deployment', () => {
      const ranked = rank(
        'All code changes are made through pull requests. A pull request needs an approving review from a peer ' +
          'other than its author and passing CI checks before it can be merged; branch protection enforces this. ' +
          'Merged changes are deployed to production by the release pipeline.',
      );
      assert.equal(ranked[0], 'CC8.1');
    });

    it('returns no criteria for text without any keyword', () => {
      assert.deepEqual(rank('Lorem ipsum dolor sit amet, consectetur adipiscing elit.'), []);
      assert.deepEqual(rank(''), []);
    });

    it('returns three criteria by default and as many as asked for', () => {
      const text = 'Incident response, backups, vendor reviews, access reviews, encryption keys and change approvals.';
      assert.equal(rank(text).length, 3);
      assert.equal(rank(text, { limit: 5 }).length, 5);
      assert.deepEqual(rank(text, { limit: 0 }), []);
    });

    it('ranks only the criteria the caller includes', () => {
      const ranked = rank('Backups are restored every quarter to test the disaster recovery plan.', {
        include: (c) => c.category === 'security',
      });
      assert.ok(ranked.length > 0);
      for (const id of ranked) assert.equal(getCriterion(id)?.category, 'security');
    });

    it('counts plurals and past tenses of a keyword as the keyword', () => {
      assert.deepEqual(rank('vendor'), rank('vendors'));
      assert.deepEqual(rank('vulnerability'), rank('vulnerabilities'));
      assert.deepEqual(rank('restore'), rank('restored'));
      assert.deepEqual(rank('delete'), rank('deleted'));
    });

    it('favours a keyword that few criteria share over one that many do', () => {
      // "breach" belongs to several privacy criteria, "tabletop" only to incident response.
      assert.equal(rank('breach tabletop')[0], 'CC7.4');
    });

    it('breaks ties in catalog order', () => {
      // "disclosure" alone scores P6.1, P6.2, P6.3 and P6.7 the same.
      assert.deepEqual(rank('disclosure', { limit: 4 }), ['P6.1', 'P6.2', 'P6.3', 'P6.7']);
    });
  });
});
