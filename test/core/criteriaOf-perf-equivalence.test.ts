// criteriaOf sorts catalog positions rather than ids; it must give what collecting the ids in a set
// and sorting them by catalog order gives, for any frontmatter list and any mapping table.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CRITERIA } from '../../server/src/core/catalog/catalog';
import { workspaceOf } from '../helpers';

const ORDER = new Map(CRITERIA.map((c, i) => [c.id, i]));
const id = fc.constantFrom('CC1.1', 'CC6.1', 'CC6.2', 'CC2.3', 'CC9.2', 'A1.2', 'P4.1', 'PI1.3', 'C1.1', 'CC9.9', 'cc6.1', 'CC6');

describe('criteriaOf (perf equivalence)', () => {
  it('gives the ids of the frontmatter and of the tables, once each, in catalog order', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 6 }), fc.array(id, { maxLength: 4 }), (listed, tabled) => {
        const rows = tabled.map((c) => `| ${c} | [Access](../policies/access.md) |`).join('\n');
        const ws = workspaceOf({
          'policies/access.md': `---\nid: POL-A\ntype: policy\ncriteria: [${listed.join(', ')}]\n---\n# Access\n`,
          'compliance/matrix.md': `---\ntitle: Mapping\n---\n## SOC 2 mapping\n\n| Criterion | Policy |\n|---|---|\n${rows}\n`,
        });
        const doc = ws.document('policies/access.md');
        assert.ok(doc);
        const ids = new Set<string>();
        for (const c of doc.criteria) if (ORDER.has(c.value)) ids.add(c.value);
        for (const m of ws.factsOf('policies/access.md')?.mappedBy ?? []) ids.add(m.id);
        const expected = [...ids].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
        assert.deepEqual(ws.criteriaOf('policies/access.md'), expected);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
