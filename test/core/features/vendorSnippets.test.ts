// The vendor snippets, expanded with their defaults, are frontmatter the checks accept.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findingsOf } from '../../helpers';
import { build } from '../rules/fixture';
import { vendorFiles, VENDOR_PATH } from '../rules/vendorFixture';

type Snippets = Record<string, { prefix: string[]; body: string[] }>;

function snippets(): Snippets {
  const text = fs.readFileSync(path.resolve(__dirname, '../../../../snippets/compliance-docs.code-snippets'), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Snippets;
}

/** A snippet body as VS Code inserts it with every default taken, on 2026-11-16 in `vendors/acme.md`. */
function expand(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{TM_FILENAME_BASE\/\(\.\*\)\/\$\{1:\/upcase\}\/\}/g, 'ACME')
    .replace(/\$\{TM_FILENAME_BASE\}/g, 'acme')
    .replace(/\$CURRENT_YEAR/g, '2026')
    .replace(/\$CURRENT_MONTH/g, '11')
    .replace(/\$CURRENT_DATE/g, '16')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, '$1')
    .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
}

describe('vendor snippets', () => {
  it('the vendor file, approved, parses with no field-invalid or syntax finding', () => {
    const vendor = Object.values(snippets()).find((s) => s.prefix.includes('vendor'));
    assert.ok(vendor);
    const text = expand(vendor.body).replace('status: draft', 'status: approved');
    assert.match(text, /^---\nid: VEN-ACME\ntype: vendor\n/);
    const ws = build({ ...vendorFiles(), [VENDOR_PATH]: text });
    const codes = findingsOf(ws, VENDOR_PATH).map((f) => f.code);
    for (const bad of ['frontmatter-syntax', 'field-invalid']) assert.ok(!codes.includes(bad), `${bad} in ${codes.join()}\n${text}`);
    const doc = ws.document(VENDOR_PATH);
    assert.equal(doc?.vendor?.assurance[0].type?.value, 'soc2-type2');
    assert.equal(doc?.vendor?.assurance[0].periodEnd?.value, '2026-11-01');
    assert.equal(doc?.vendor?.cuecs.length, 1);
  });

  it('the assurance entry, bridging letter and CUEC snippets read as such inside a vendor file', () => {
    const all = Object.values(snippets());
    const entry = expand(all.find((s) => s.prefix.includes('assurance'))?.body ?? []);
    const bridge = expand(all.find((s) => s.prefix.includes('bridge_letter'))?.body ?? []);
    const cuec = expand(all.find((s) => s.prefix.includes('cuec'))?.body ?? []);
    const indent = (t: string, n: number): string => t.split('\n').map((l) => ' '.repeat(n) + l).join('\n');
    const text = ['---', 'id: VEN-ACME', 'type: vendor', 'criticality: high', 'last_reviewed: 2026-11-01', 'assurance:', indent(entry, 2), indent(bridge, 4), 'cuecs:', indent(cuec, 2), '---', ''].join('\n');
    const ws = build({ ...vendorFiles(), [VENDOR_PATH]: text });
    assert.deepEqual(findingsOf(ws, VENDOR_PATH, 'field-invalid').map((f) => f.message), []);
    const v = ws.document(VENDOR_PATH)?.vendor;
    assert.equal(v?.assurance[0].bridgeLetter?.through?.value, '2026-11-01');
    assert.equal(v?.cuecs[0].text?.value, 'What the report asks of you');
  });
});
