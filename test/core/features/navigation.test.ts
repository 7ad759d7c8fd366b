import assert from 'node:assert/strict';
import { findDefinition, findReferences, ProseMentions, type Place } from '../../../server/src/core/features/navigation';
import { joinLines, workspaceOf } from '../../helpers';
import type { Span } from '../../types';

const CONFIG = joinLines('categories: [security]', 'not_applicable:', '  CC6.4: "No offices or data centres"', '');

const CONTROL = joinLines(
  '---',
  'id: AC-01',
  'type: control',
  'title: Quarterly access review',
  'criteria: [CC6.1, CC6.2]',
  'policies: [POL-ACCESS]',
  'evidence:',
  '  - /evidence/review.csv',
  '  - /evidence/missing.csv',
  '---',
  '',
  '# AC-01',
  '',
  'The quarterly review covers CC6.1 and CC6.2.',
  '',
);

const POLICY = joinLines(
  '---',
  'id: "POL-ACCESS"',
  'criteria: [CC6.1]',
  'controls: [AC-01, "AC-02", handbook]',
  '---',
  '',
  'Least privilege (CC6.1). Physical access (CC6.4) is out of scope.',
  '',
);

const DRAFT = joinLines('---', 'id: AC-02', 'type: control', 'status: draft', 'criteria: [CC6.3]', '---', '');

const HANDBOOK = joinLines('---', 'title: Staff handbook', '---', '', 'Everyone reads this.', '');

function files(): Record<string, string> {
  return {
    'compliance-docs.yml': CONFIG,
    'controls/ac-01.md': CONTROL,
    'controls/ac-02.md': DRAFT,
    'policies/access.md': POLICY,
    'policies/handbook.md': HANDBOOK,
    'evidence/review.csv': 'reviewer,date\n',
  };
}

/** The cursor is where `¦` is written in `probe`, which must occur once in the file. */
function cursor(text: string, probe: string): number {
  const clean = probe.replace('¦', '');
  const at = text.indexOf(clean);
  assert.ok(at >= 0 && text.indexOf(clean, at + 1) === -1, `"${clean}" occurs once`);
  return at + probe.indexOf('¦');
}

/** The span of the `nth` occurrence of `needle` in a file. */
function place(path: string, needle: string, nth = 0): Place {
  const text = files()[path];
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${nth} in ${path}`);
  return { path, span: { start: at, end: at + needle.length } };
}

const start = (path: string): Place => ({ path, span: { start: 0, end: 0 } });

function definition(path: string, probe: string): { origin: Span; targets: readonly Place[] } | undefined {
  const ws = workspaceOf(files());
  const text = files()[path];
  return findDefinition(ws, path, text, cursor(text, probe));
}

describe('go to definition', () => {
  it('goes from a reference under policies: to the id of the document that has it, without its quotes', () => {
    const d = definition('controls/ac-01.md', 'policies: [POL-AC¦CESS]');
    assert.deepEqual(d?.origin, place('controls/ac-01.md', 'POL-ACCESS').span);
    assert.deepEqual(d?.targets, [place('policies/access.md', 'POL-ACCESS')]);
  });

  it('goes from a reference under controls: to the control', () => {
    assert.deepEqual(definition('policies/access.md', '[¦AC-01')?.targets, [place('controls/ac-01.md', 'AC-01')]);
  });

  it('goes to the opening line of a document whose id is its file name', () => {
    assert.deepEqual(definition('policies/access.md', 'hand¦book]')?.targets, [{ path: 'policies/handbook.md', span: { start: 0, end: 3 } }]);
  });

  it('has no target for an id that no document has', () => {
    const ws = workspaceOf({ ...files(), 'controls/ac-01.md': CONTROL.replace('POL-ACCESS', 'POL-GONE') });
    const text = CONTROL.replace('POL-ACCESS', 'POL-GONE');
    assert.deepEqual(findDefinition(ws, 'controls/ac-01.md', text, cursor(text, 'POL-G¦ONE'))?.targets, []);
  });

  it("stays on a document's own id", () => {
    assert.deepEqual(definition('controls/ac-01.md', 'id: AC¦-01')?.targets, [place('controls/ac-01.md', 'AC-01')]);
  });

  it('goes from a criterion to the approved documents that map it, controls first', () => {
    const d = definition('controls/ac-01.md', 'covers CC¦6.1');
    assert.deepEqual(d?.origin, place('controls/ac-01.md', 'CC6.1', 1).span);
    assert.deepEqual(d?.targets, [place('controls/ac-01.md', 'CC6.1'), place('policies/access.md', 'CC6.1')]);
  });

  it('goes to a draft that maps a criterion when no approved document does', () => {
    const ws = workspaceOf(files());
    const text = 'Only the draft maps CC6.3.\n';
    assert.deepEqual(findDefinition(ws, 'narratives/notes.md', text, cursor(text, 'CC6¦.3'))?.targets, [place('controls/ac-02.md', 'CC6.3')]);
  });

  it('goes from a scoped-out criterion to its not_applicable entry', () => {
    assert.deepEqual(definition('policies/access.md', '(CC¦6.4)')?.targets, [place('compliance-docs.yml', 'CC6.4')]);
  });

  it('goes from an evidence path to the file, and nowhere for a missing one', () => {
    const d = definition('controls/ac-01.md', '/evidence/rev¦iew.csv');
    assert.deepEqual(d?.origin, place('controls/ac-01.md', '/evidence/review.csv').span);
    assert.deepEqual(d?.targets, [start('evidence/review.csv')]);
    assert.deepEqual(definition('controls/ac-01.md', '/evidence/miss¦ing.csv')?.targets, []);
  });

  it('is undefined on plain text', () => {
    assert.equal(definition('controls/ac-01.md', 'The quar¦terly'), undefined);
  });
});

describe('find references', () => {
  const refs = (path: string, probe: string, includeDeclaration: boolean, readText?: (p: string) => string | undefined, mentions?: ProseMentions, ws = workspaceOf(files())): Place[] | undefined => {
    const text = files()[path];
    return findReferences(ws, path, text, cursor(text, probe), { includeDeclaration, ...(readText ? { readText } : {}), ...(mentions ? { mentions } : {}) });
  };

  it("lists an id's declaration and every controls:/policies: item naming it", () => {
    assert.deepEqual(refs('policies/access.md', '[AC¦-01', true), [place('controls/ac-01.md', 'AC-01'), place('policies/access.md', 'AC-01')]);
  });

  it('leaves the declaration out when asked to', () => {
    assert.deepEqual(refs('controls/ac-01.md', 'id: AC-¦01', false), [place('policies/access.md', 'AC-01')]);
  });

  it('gives quoted ids without their quotes', () => {
    assert.deepEqual(refs('controls/ac-02.md', 'id: AC¦-02', true), [place('controls/ac-02.md', 'AC-02'), place('policies/access.md', 'AC-02')]);
    assert.deepEqual(refs('controls/ac-01.md', '[POL¦-ACCESS]', true), [place('controls/ac-01.md', 'POL-ACCESS'), place('policies/access.md', 'POL-ACCESS')]);
  });

  it('lists every mapping of a criterion and every mention in prose, reading closed documents', () => {
    const read = (p: string): string | undefined => files()[p];
    assert.deepEqual(refs('controls/ac-01.md', '[CC6¦.1', true, read), [
      place('controls/ac-01.md', 'CC6.1', 0),
      place('controls/ac-01.md', 'CC6.1', 1),
      place('policies/access.md', 'CC6.1', 0),
      place('policies/access.md', 'CC6.1', 1),
    ]);
  });

  it('includes the not_applicable entry of a scoped-out criterion', () => {
    const read = (p: string): string | undefined => files()[p];
    assert.deepEqual(refs('policies/access.md', '(CC6¦.4)', true, read), [place('compliance-docs.yml', 'CC6.4'), place('policies/access.md', 'CC6.4')]);
  });

  it('lists the not_applicable key once when asked from the config file itself', () => {
    const read = (p: string): string | undefined => files()[p];
    assert.deepEqual(refs('compliance-docs.yml', '  CC6¦.4:', true, read), [place('compliance-docs.yml', 'CC6.4'), place('policies/access.md', 'CC6.4')]);
  });

  it('searches only frontmatter and the current text when closed documents cannot be read', () => {
    assert.deepEqual(refs('controls/ac-01.md', '[CC6¦.1', true), [place('controls/ac-01.md', 'CC6.1', 0), place('controls/ac-01.md', 'CC6.1', 1), place('policies/access.md', 'CC6.1', 0)]);
  });

  it('reads each closed document once, however many criteria are looked up', () => {
    const reads: string[] = [];
    const read = (p: string): string | undefined => {
      reads.push(p);
      return files()[p];
    };
    const mentions = new ProseMentions();
    const ws = workspaceOf(files());
    refs('controls/ac-01.md', '[CC6¦.1', true, read, mentions, ws);
    refs('controls/ac-01.md', 'CC6¦.2]', true, read, mentions, ws);
    assert.deepEqual(reads.sort(), ['controls/ac-02.md', 'policies/access.md', 'policies/handbook.md']);
  });

  it('skips a closed document whose file no longer matches the index', () => {
    const read = (p: string): string | undefined => (p === 'policies/access.md' ? `${files()[p]}More on CC6.1.\n` : files()[p]);
    const found = refs('controls/ac-01.md', '[CC6¦.1', true, read) ?? [];
    assert.deepEqual(found.filter((p) => p.path === 'policies/access.md'), [place('policies/access.md', 'CC6.1', 0)]);
  });

  it('stops when cancelled', () => {
    const ws = workspaceOf(files());
    const text = files()['controls/ac-01.md'];
    assert.equal(findReferences(ws, 'controls/ac-01.md', text, cursor(text, '[CC6¦.1'), { includeDeclaration: true, isCancelled: () => true }), undefined);
  });
});
