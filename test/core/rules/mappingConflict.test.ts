import assert from 'node:assert/strict';
import { expectFinding, expectNone, marked, workspaceOf } from '../../helpers';

const TABLE = '# SOC 2 mapping\n\n| Criterion | Documents |\n|---|---|\n| CC6.1 | [Access](../policies/access.md) |\n| CC6.2 | [Access](../policies/access.md) |\n';

describe('mapping-conflict', () => {
  it('reports, as info on the criteria key, a table that maps a document to criteria its frontmatter does not list', () => {
    const m = marked('---\ntype: policy\n«criteria»: [CC6.1, CC6.3]\n---\n');
    const ws = workspaceOf({ 'policies/access.md': m.text, 'mappings/soc2.md': TABLE });
    const f = expectFinding(ws, 'policies/access.md', 'mapping-conflict', m.span, 'info');
    assert.match(f.message, /mappings\/soc2\.md maps it to CC6\.2, which its frontmatter does not list; its frontmatter lists CC6\.3, which the table does not/);
  });

  it('is silent when they agree, and when only one of them maps the document', () => {
    expectNone(workspaceOf({ 'policies/access.md': '---\ntype: policy\ncriteria: [CC6.1, CC6.2]\n---\n', 'mappings/soc2.md': TABLE }), 'policies/access.md', 'mapping-conflict');
    expectNone(workspaceOf({ 'policies/access.md': '---\ntype: policy\n---\n', 'mappings/soc2.md': TABLE }), 'policies/access.md', 'mapping-conflict');
  });
});
