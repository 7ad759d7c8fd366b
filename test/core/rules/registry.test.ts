import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/core/rules/registry';

const ROOT = path.resolve(__dirname, '../../../..');

describe('the rule registry', () => {
  it('lists every rule once, with a kebab-case code, a default severity and a description', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const r of RULES) {
      assert.match(r.code, /^[a-z]+(-[a-z0-9]+)*$/);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(r.defaultSeverity), r.code);
      assert.ok(r.description.length > 10, r.code);
    }
  });

  it('has every rule of SPEC.md', () => {
    const spec = [
      'config-invalid', 'frontmatter-syntax', 'frontmatter-missing', 'field-invalid', 'unknown-criterion', 'criterion-out-of-scope',
      'unmapped-document', 'uncovered-criterion', 'duplicate-id', 'unknown-reference', 'stale-review', 'review-due-soon',
      'missing-review-date', 'future-review-date', 'missing-owner', 'missing-evidence', 'broken-evidence-link',
      'evidence-outside-workspace', 'evidence-gap', 'stale-evidence', 'draft-covers-nothing',
      'vendor-assurance-missing', 'vendor-report-stale', 'vendor-bridge-letter', 'vendor-type1-only', 'vendor-opinion',
      'vendor-category-gap', 'vendor-cuec-unmapped', 'vendor-inventory-missing',
      'risk-residual-above-inherent', 'risk-reduced-without-controls', 'risk-acceptance-missing', 'risk-acceptance-expired',
      'risk-register-missing', 'fraud-risk-missing', 'risk-assessment-stale', 'risk-assessment-late',
    ];
    for (const code of spec) assert.ok(RULES.some((r) => r.code === code), code);
  });

  it('gives every rule a source file, a test file and a section in docs/rules.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
    for (const r of RULES) {
      const camel = r.code.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      assert.ok(fs.existsSync(path.join(ROOT, 'server/src/core/rules', `${camel}.ts`)), `${camel}.ts`);
      assert.ok(fs.existsSync(path.join(ROOT, 'test/core/rules', `${camel}.test.ts`)), `${camel}.test.ts`);
      assert.match(doc, new RegExp(`^## ${r.code}$`, 'm'), `docs/rules.md section for ${r.code}`);
    }
  });
});
