import assert from 'node:assert/strict';
import { applyEdits, findingsOf, marked } from '../../helpers';
import { baseFiles, build, CONFIG } from './fixture';

describe('uncovered-criterion', () => {
  it('reports each uncovered in-scope criterion on the config categories key', () => {
    const m = marked(CONFIG.replace('categories:', '«categories»:'));
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': m.text });
    const found = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion');
    const ids = found.map((f) => f.data?.criterion);
    assert.ok(ids.includes('CC1.1'));
    assert.ok(!ids.includes('CC6.2'), 'CC6.2 is mapped by the control');
    assert.ok(!ids.includes('CC6.1'), 'CC6.1 is claimed by the policy');
    const cc11 = found.find((f) => f.data?.criterion === 'CC1.1');
    assert.deepEqual(cc11?.span, m.span);
    assert.equal(cc11?.severity, 'warning');
    assert.match(cc11?.message ?? '', /^CC1\.1 /);
  });

  it('offers a draft control from the template and a not_applicable entry', () => {
    const ws = build(baseFiles());
    const f = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').find((x) => x.data?.criterion === 'CC1.2');
    const create = f?.fixes?.find((x) => x.changes[0].kind === 'create');
    assert.ok(create && create.changes[0].kind === 'create');
    assert.equal(create.changes[0].path, 'controls/ctl-cc1-2.md');
    assert.match(create.changes[0].content, /criteria: \[CC1\.2\]/);
    assert.ok(f?.fixes?.some((x) => /not_applicable/.test(x.title)));
  });

  it('adds a not_applicable entry right after the last one, even when that one is a block scalar', () => {
    const config = `${CONFIG}not_applicable:\n  CC6.4: >-\n    No offices or data centres.\n\nrules:\n  missing-owner: info\n`;
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': config });
    const fix = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').find((f) => f.data?.criterion === 'CC1.2')?.fixes?.find((x) => /not_applicable/.test(x.title));
    const change = fix?.changes[0];
    assert.ok(change?.kind === 'edit');
    const fixed = applyEdits(config, change.edits);
    assert.ok(fixed.includes('    No offices or data centres.\n  CC1.2: ""\n\nrules:'), fixed);
  });

  it('is silent for criteria scoped out with a justification', () => {
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': `${CONFIG}not_applicable:\n  CC1.2: "No board; a founder-led company with an advisory board"\n` });
    assert.ok(!findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').some((f) => f.data?.criterion === 'CC1.2'));
    assert.equal(ws.criterionState('CC1.2'), 'not-applicable');
  });

  it('sits on the repository root, without a region, when there is no config file', () => {
    const files: Record<string, string> = baseFiles();
    delete files['compliance-docs.yml'];
    const found = build(files).workspaceFindings().filter((f) => f.code === 'uncovered-criterion');
    assert.ok(found.length > 0);
    assert.equal(found[0].path, '');
    assert.equal(found[0].hasRegion, false);
  });
});
