// field-invalid and config-invalid for the risk register: scores off the scale, wrong types,
// prototype names, and `risk:` in the config.

import assert from 'node:assert/strict';
import { expectFinding, expectNone, findingsOf } from '../../helpers';
import { build } from './fixture';
import { ACCEPTED_PATH, acceptedWith, ASSESSMENT_PATH, assessmentWith, configWith, RISK_PATH, riskFiles, riskWith, swap } from './riskFixture';

describe('risk fields: field-invalid', () => {
  it('is silent for the clean register', () => {
    for (const p of [RISK_PATH, ACCEPTED_PATH, ASSESSMENT_PATH]) expectNone(build(riskFiles()), p, 'field-invalid');
  });

  it('reports a likelihood above the config’s scale, on the value', () => {
    const { files, span } = riskWith((l) => swap(l, 'inherent:', 'inherent: { likelihood: «7», impact: 4 }'));
    const f = expectFinding(build(files), RISK_PATH, 'field-invalid', span, 'error');
    assert.equal(f.message, '`inherent.likelihood` is 7, off the scale of 1 to 5 (`risk.scale` in the config). Score it on the scale, or change the scale for the whole register.');
    // On a scale of 10 it fits.
    const wide = { ...files, 'compliance-docs.yml': files['compliance-docs.yml'].replace('scale: 5', 'scale: 10').replace('tolerance: 9', 'tolerance: 36') };
    expectNone(build(wide), RISK_PATH, 'field-invalid');
  });

  it('reports zero, fractions, words, lists and huge numbers as not scores', () => {
    for (const bad of ['0', '2.5', 'high', '[1, 2]', '99999999999999999999', '-1']) {
      const { files, span } = riskWith((l) => swap(l, 'residual:', `residual: { likelihood: 2, impact: «${bad}» }`));
      const f = expectFinding(build(files), RISK_PATH, 'field-invalid', span);
      assert.match(f.message, /^`residual\.impact` is .*, which is not a score\. Write a whole number from 1/, bad);
    }
  });

  it('reports a score that is not a mapping, and one missing a factor', () => {
    const { files, span } = riskWith((l) => swap(l, 'inherent:', 'inherent: «16»'));
    assert.match(expectFinding(build(files), RISK_PATH, 'field-invalid', span).message, /^`inherent` must be `\{ likelihood: N, impact: N \}`/);
    const { files: half, span: hs } = riskWith((l) => swap(l, 'residual:', 'residual: «{ likelihood: 2 }»'));
    assert.match(expectFinding(build(half), RISK_PATH, 'field-invalid', hs).message, /^`residual` has no impact/);
  });

  it('reports unknown and prototype-named categories and treatments, with the nearest value as a fix', () => {
    const { files, span } = riskWith((l) => swap(l, 'category:', 'category: «frad»'));
    const f = expectFinding(build(files), RISK_PATH, 'field-invalid', span);
    assert.equal(f.fixes?.[0].title, 'Change to `fraud`');
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const { files: p, span: ps } = riskWith((l) => swap(swap(l, 'category:', `category: «${name}»`), 'treatment:', 'treatment: mitigate'));
      assert.match(expectFinding(build(p), RISK_PATH, 'field-invalid', ps).message, /which is not one of fraud, change/);
      const { files: t, span: ts } = riskWith((l) => swap(l, 'treatment:', `treatment: «${name}»`));
      assert.match(expectFinding(build(t), RISK_PATH, 'field-invalid', ts).message, /which is not one of mitigate, accept, transfer, avoid/);
    }
  });

  it('reads treatment synonyms in any case', () => {
    const { files } = acceptedWith((l) => swap(l, 'treatment:', 'treatment: Accepted'));
    const ws = build(files);
    expectNone(ws, ACCEPTED_PATH, 'field-invalid');
    assert.equal(ws.document(ACCEPTED_PATH)?.risk?.treatment?.value, 'accept');
  });

  it('reports an acceptance that is not a mapping, a bad date, and an expiry before the date', () => {
    const { files, span } = acceptedWith((l) => swap(l, 'acceptance:', 'acceptance: «yes»'));
    expectFinding(build(files), ACCEPTED_PATH, 'field-invalid', span);
    const { files: d, span: ds } = acceptedWith((l) => swap(l, 'acceptance:', 'acceptance: { by: ceo, date: «2026-02-30», expires: 2027-02-01 }'));
    expectFinding(build(d), ACCEPTED_PATH, 'field-invalid', ds);
    const { files: e, span: es } = acceptedWith((l) => swap(l, 'acceptance:', 'acceptance: { by: ceo, date: 2026-02-01, expires: «2025-02-01» }'));
    assert.match(expectFinding(build(e), ACCEPTED_PATH, 'field-invalid', es).message, /expires \(2025-02-01\) before it was given/);
  });

  it('reports an assessment with no date on the frontmatter, and a date that is not a date on it', () => {
    const { files } = assessmentWith((l) => swap(l, 'date:'));
    const f = expectFinding(build(files), ASSESSMENT_PATH, 'field-invalid', { start: 0, end: 3 });
    assert.match(f.message, /^This risk assessment has no `date:`/);
    const { files: bad, span } = assessmentWith((l) => swap(l, 'date:', 'date: «last year»'));
    expectFinding(build(bad), ASSESSMENT_PATH, 'field-invalid', span);
  });

  it('reports an assessment listing a risk id no document has, as unknown-reference with the nearest risk', () => {
    const { files, span } = assessmentWith((l) => swap(l, 'risks:', 'risks: [RISK-012, «RISK-02»]'));
    const f = expectFinding(build(files), ASSESSMENT_PATH, 'unknown-reference', span, 'error');
    assert.match(f.message, /^No document has the id `RISK-02`\. Did you mean RISK-012 or RISK-020\?/);
    expectNone(build(riskFiles()), ASSESSMENT_PATH, 'unknown-reference');
  });

  it('reads a document under risks/ that lists risks: as an assessment', () => {
    const { files } = assessmentWith((l) => swap(l, 'type:'));
    const ws = build(files);
    assert.equal(ws.factsOf(ASSESSMENT_PATH)?.type, 'risk-assessment');
    assert.equal(ws.factsOf(RISK_PATH)?.type, 'risk');
  });
});

describe('risk fields: config-invalid', () => {
  it('reads scale, tolerance and assessment_cycle', () => {
    const ws = build(configWith('risk:', '  scale: 4', '  tolerance: 6', '  assessment_cycle: semiannual').files);
    assert.deepEqual(ws.getConfig().risk, { scale: 4, tolerance: 6, assessmentCycle: { years: 0, months: 6, days: 0 }, assessmentCycleText: 'semiannual' });
    expectNone(ws, 'compliance-docs.yml', 'config-invalid');
  });

  it('reports a bad scale, tolerance or cycle on the value, and uses the defaults', () => {
    for (const [line, pattern] of [
      ['  scale: «1»', /^risk\.scale `1` must be a whole number from 2 to 10/],
      ['  scale: «eleven»', /^risk\.scale `eleven` must be/],
      ['  tolerance: «26»', /^risk\.tolerance `26` must be a whole number from 0 to 25/],
      ['  tolerance: «[9]»', /^risk\.tolerance `a list` must be/],
      ['  assessment_cycle: «sometimes»', /^risk\.assessment_cycle `sometimes` is not a cycle/],
    ] as const) {
      const { files, span } = configWith('risk:', line);
      const ws = build(files);
      const found = findingsOf(ws, 'compliance-docs.yml', 'config-invalid');
      assert.equal(found.length, 1, line);
      assert.deepEqual(found[0].span, span, line);
      assert.match(found[0].message, pattern);
      assert.equal(ws.getConfig().risk.scale, 5);
    }
  });

  it('reports unknown and prototype-named keys under risk', () => {
    const { files, span } = configWith('risk:', '  «__proto__»: 3');
    const found = findingsOf(build(files), 'compliance-docs.yml', 'config-invalid');
    assert.deepEqual(found.map((f) => f.span), [span]);
    const { files: typo, span: ts } = configWith('risk:', '  «tolerence»: 8');
    const f = findingsOf(build(typo), 'compliance-docs.yml', 'config-invalid');
    assert.deepEqual(f.map((x) => x.span), [ts]);
    assert.equal(f[0].fixes?.[0].title, 'Change to `tolerance`');
  });

  it('scales the default tolerance with the scale', () => {
    assert.equal(build(configWith('risk:', '  scale: 3').files).getConfig().risk.tolerance, 3);
    assert.equal(build(configWith('risk:', '  scale: 10').files).getConfig().risk.tolerance, 36);
  });
});
