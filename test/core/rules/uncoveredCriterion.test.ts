import assert from 'node:assert/strict';
import { applyEdits, findingsOf, marked } from '../../helpers';
import { baseFiles, build, CONFIG } from './fixture';

describe('uncovered-criterion', () => {
  it('reports the uncovered criteria of each series once, on the config categories key, each named in a related note', () => {
    const m = marked(CONFIG.replace('categories:', '«categories»:'));
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': m.text });
    const found = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion');
    assert.deepEqual(found.map((f) => f.data?.series), ['CC1', 'CC2', 'CC3', 'CC4', 'CC5', 'CC6', 'CC7', 'CC8', 'CC9']);
    const cc6 = found.find((f) => f.data?.series === 'CC6');
    assert.equal(cc6?.data?.criteria, 'CC6.4 CC6.5 CC6.6 CC6.7 CC6.8', 'CC6.1 is claimed by the policy, CC6.2 and CC6.3 mapped by the control');
    assert.deepEqual(cc6?.span, m.span);
    assert.equal(cc6?.severity, 'warning');
    assert.match(cc6?.message ?? '', /^CC6\.4, CC6\.5, CC6\.6, CC6\.7 and CC6\.8 \(CC6 Logical and Physical Access\) are in scope but no approved document maps them\./);
    assert.deepEqual(cc6?.related?.map((r) => [r.message, r.span]), [
      ['CC6.4 Physical access: no approved document maps it', m.span],
      ['CC6.5 Secure disposal of assets: no approved document maps it', m.span],
      ['CC6.6 Protection at the system boundary: no approved document maps it', m.span],
      ['CC6.7 Data in transit and on the move: no approved document maps it', m.span],
      ['CC6.8 Malicious and unauthorised software: no approved document maps it', m.span],
    ]);
  });

  it('names a lone uncovered criterion of a series with its title', () => {
    const ws = build(baseFiles());
    const cc9 = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').filter((f) => f.data?.series === 'CC8');
    assert.equal(cc9.length, 1);
    assert.match(cc9[0].message, /^CC8\.1 \(Change management, CC8 Change Management\) is in scope but no approved document maps it\. Map it from a control that addresses it\.$/);
  });

  it('offers a draft control for each criterion, and not_applicable only where an auditor may accept it', () => {
    const ws = build(baseFiles());
    const found = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion');
    const cc1 = found.find((x) => x.data?.series === 'CC1');
    const create = cc1?.fixes?.find((x) => x.changes[0].kind === 'create' && /CC1\.2/.test(x.title));
    assert.ok(create && create.changes[0].kind === 'create');
    assert.equal(create.changes[0].path, 'controls/ctl-cc1-2.md');
    assert.match(create.changes[0].content, /criteria: \[CC1\.2\]/);
    assert.equal(cc1?.fixes?.length, 5, 'one draft control per uncovered CC1 criterion');
    const scopeOuts = found.flatMap((f) => (f.fixes ?? []).filter((x) => /not_applicable/.test(x.title)).map((x) => x.title));
    assert.deepEqual(scopeOuts, ['Add CC6.4 to not_applicable (then write the justification)'], 'common criteria are never offered as not applicable, but physical access');
    assert.match(found.find((x) => x.data?.series === 'CC6')?.message ?? '', /CC6\.4 may instead be listed under `not_applicable`/);
    assert.doesNotMatch(cc1?.message ?? '', /not_applicable/);
  });

  it('offers not_applicable for each criterion of an optional category', () => {
    const config = CONFIG.replace('[security]', '[security, availability, privacy]');
    const found = findingsOf(build({ ...baseFiles(), 'compliance-docs.yml': config }), 'compliance-docs.yml', 'uncovered-criterion');
    const a1 = found.find((f) => f.data?.series === 'A1');
    assert.deepEqual(a1?.fixes?.map((x) => x.title).filter((t) => /not_applicable/.test(t)), ['A1.1', 'A1.2', 'A1.3'].map((id) => `Add ${id} to not_applicable (then write the justification)`));
    assert.match(a1?.message ?? '', /or list those that do not apply to your system under `not_applicable` with a justification\.$/);
    assert.ok(found.some((f) => f.data?.series === 'P6'));
  });

  it('adds a not_applicable entry right after the last one, even when that one is a block scalar', () => {
    const config = `${CONFIG.replace('[security]', '[security, availability]')}not_applicable:\n  CC6.4: >-\n    No offices or data centres.\n\nrules:\n  missing-owner: info\n`;
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': config });
    const fix = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').find((f) => f.data?.series === 'A1')?.fixes?.find((x) => x.title.startsWith('Add A1.2'));
    const change = fix?.changes[0];
    assert.ok(change?.kind === 'edit');
    const fixed = applyEdits(config, change.edits);
    assert.ok(fixed.includes('    No offices or data centres.\n  A1.2: ""\n\nrules:'), fixed);
  });

  it('is silent for criteria scoped out with a justification', () => {
    const ws = build({ ...baseFiles(), 'compliance-docs.yml': `${CONFIG}not_applicable:\n  CC1.2: "No board; a founder-led company with an advisory board"\n` });
    const cc1 = findingsOf(ws, 'compliance-docs.yml', 'uncovered-criterion').find((f) => f.data?.series === 'CC1');
    assert.equal(cc1?.data?.criteria, 'CC1.1 CC1.3 CC1.4 CC1.5');
    assert.equal(ws.criterionState('CC1.2'), 'not-applicable');
  });

  it('sits on the repository root, without a region, when there is no config file', () => {
    const files: Record<string, string> = baseFiles();
    delete files['compliance-docs.yml'];
    const found = build(files).workspaceFindings().filter((f) => f.code === 'uncovered-criterion');
    assert.ok(found.length > 0);
    assert.equal(found[0].path, '');
    assert.equal(found[0].hasRegion, false);
    assert.equal(found[0].related, undefined, 'no place to point at');
  });
});
