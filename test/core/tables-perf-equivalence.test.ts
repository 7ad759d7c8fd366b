// A table that links nothing, names no document and mentions only criteria the frontmatter maps is
// passed over unread; that must drop exactly the tables whose rows the document would drop anyway.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MappingRow } from '../../server/src/core/model/types';
import { mappingRows } from '../../server/src/core/parse/tables';

/** The rows a document keeps for the workspace or its own mappings, tables numbered in order. */
function kept(rows: readonly MappingRow[], mapped: ReadonlySet<string>): MappingRow[] {
  const tables = new Map<number, MappingRow[]>();
  for (const r of rows) tables.set(r.table, [...(tables.get(r.table) ?? []), r]);
  const out: MappingRow[] = [];
  let n = 0;
  for (const list of tables.values()) {
    const restates = list.every((r) => r.links.length === 0 && r.names.length === 0 && r.criteria.every((c) => mapped.has(c.value)));
    if (restates) continue;
    for (const r of list) out.push({ ...r, table: n });
    n++;
  }
  return out;
}

const cell = fc.constantFrom('CC6.1', 'CC6.2', 'CC6.1–CC6.3', 'CC6.1 - CC6.2', '[Access](access.md)', 'prose text', 'SOC 2 CC6.2, CC7.1', '`a|b`', 'x \\| y', 'CC9.9', 'see P1.1', 'A1.2', 'Access Control Policy', '');
const header = fc.constantFrom('Criterion', 'How', 'Documents', 'Policy', 'Ref', 'Notes', 'TSC', 'Requirement ID', 'Implemented by');
const table = fc.tuple(fc.array(header, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 4 }), fc.boolean()).map(([h, rows, heading]) =>
  [heading ? '## Mapping' : '## Notes', '', `| ${h.join(' | ')} |`, `|${h.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''].join('\n'),
);
const body = fc.tuple(fc.array(table, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([tables, fenced]) => (fenced ? ['```', '| a | b |', '```', ''] : []).concat(tables).join('\n'));
const mappedSet = fc.subarray(['CC6.1', 'CC6.2', 'CC6.3', 'CC7.1', 'A1.2', 'P1.1']).map((xs) => new Set(xs));

describe('mapping tables (perf equivalence)', () => {
  it('passes over exactly the tables that restate the frontmatter', () => {
    fc.assert(
      fc.property(body, mappedSet, (text, mapped) => {
        const doc = `---\ntitle: x\n---\n${text}`;
        const start = doc.indexOf('---\n', 4) + 4;
        assert.deepEqual(kept(mappingRows(doc, start, mapped), mapped), kept(mappingRows(doc, start), mapped));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
