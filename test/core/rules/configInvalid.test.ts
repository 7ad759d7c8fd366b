import assert from 'node:assert/strict';
import { findingsOf, marked } from '../../helpers';
import { baseFiles, build, CONFIG } from './fixture';

describe('config-invalid', () => {
  it('reports an unknown key on the key, with the nearest known key as a fix', () => {
    const m = marked(`${CONFIG}review:\n  «due_son_days»: 14\n`);
    const found = findingsOf(build({ ...baseFiles(), 'compliance-docs.yml': m.text }), 'compliance-docs.yml', 'config-invalid');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].span, m.span);
    assert.equal(found[0].severity, 'error');
    assert.equal(found[0].fixes?.[0].title, 'Change to `due_soon_days`');
  });

  it('reports an unknown category, a bad date and an empty justification, and keeps the rest', () => {
    const m = marked(
      [
        'categories: [security, «avaliability»]',
        'audit:',
        '  type: type2',
        '  period: { start: 2026-01-01, end: «2026-13-01» }',
        'not_applicable:',
        '  «CC6.4»:',
        'rules:',
        '  missing-owner: warning',
        '',
      ].join('\n'),
    );
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': m.text });
    const found = findingsOf(ws, 'compliance-docs.yml', 'config-invalid');
    assert.deepEqual(found.map((f) => f.span), m.spans);
    assert.equal(ws.getConfig().rules['missing-owner'], 'warning');
    assert.equal(ws.getConfig().audit.type, 'type2');
  });

  it('reports YAML that does not parse and falls back to the defaults', () => {
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': 'categories: [security\naudit: x\n' });
    assert.equal(findingsOf(ws, 'compliance-docs.yml', 'config-invalid').length, 1);
    assert.deepEqual(ws.getConfig().categories, ['security']);
  });

  it('is silent on a valid config', () => {
    assert.deepEqual(findingsOf(build(baseFiles()), 'compliance-docs.yml', 'config-invalid'), []);
  });
});
