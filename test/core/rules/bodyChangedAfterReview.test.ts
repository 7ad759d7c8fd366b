import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bodyHash, sameText } from '../../../server/src/core/model/history';
import { applyEdits, expectFinding, expectNone, findingsOf } from '../../helpers';
import { build, controlWith, replaceLine } from './fixture';

const REL = 'controls/ac-01.md';

function reviewedOn(date: string): ReturnType<typeof controlWith> {
  return controlWith((l) => replaceLine(l, 'last_reviewed:', `last_reviewed: «${date}»`));
}

describe('body-changed-after-review', () => {
  it('reports a body changed by a commit after the last review, on the review date, with a mark-reviewed fix', () => {
    const { files, span, text } = reviewedOn('2026-06-01');
    const ws = build(files);
    expectNone(ws, REL, 'body-changed-after-review');
    ws.setHistory(REL, { changedOn: '2026-07-04', commit: 'abc1234567', subject: 'Add contractors' });
    const f = expectFinding(ws, REL, 'body-changed-after-review', span, 'warning');
    assert.equal(f.message, 'The body was changed on 2026-07-04 by commit abc1234567 (“Add contractors”), after the last review on 2026-06-01: the reviewed text is not the text in force. Review the changed text, then update `last_reviewed`.');
    const change = f.fixes?.[0].changes[0];
    const fixed = applyEdits(text, change?.kind === 'edit' ? change.edits : []);
    assert.match(fixed, /last_reviewed: 2026-11-16/);
    const again = build({ ...files, [REL]: fixed });
    again.setHistory(REL, { changedOn: '2026-07-04', commit: 'abc1234567', subject: 'Add contractors' });
    expectNone(again, REL, 'body-changed-after-review');
  });

  it('is silent for a change on or before the review day, and when the changing commit recorded the review', () => {
    const { files } = reviewedOn('2026-06-01');
    const ws = build(files);
    ws.setHistory(REL, { changedOn: '2026-06-01', commit: 'a' });
    expectNone(ws, REL, 'body-changed-after-review');
    ws.setHistory(REL, { changedOn: '2026-06-02', commit: 'a', reviewedWith: '2026-06-01' });
    expectNone(ws, REL, 'body-changed-after-review');
    ws.setHistory(REL, { changedOn: '2026-06-02', commit: 'a', reviewedWith: '2026-06-05' });
    assert.equal(findingsOf(ws, REL, 'body-changed-after-review').length, 1, 'the review recorded then is later than the one in force');
  });

  it('reports edits not yet committed after the review, and is silent for drafts and without history', () => {
    const { files, span } = reviewedOn('2026-06-01');
    const ws = build(files);
    ws.setHistory(REL, { uncommittedOn: '2026-11-16' });
    const f = expectFinding(ws, REL, 'body-changed-after-review', span);
    assert.match(f.message, /^The body has edits not yet committed, and the last review was on 2026-06-01/);
    ws.setHistory(REL, undefined);
    expectNone(ws, REL, 'body-changed-after-review');
    const draft = controlWith((l) => replaceLine(l, 'status:', 'status: draft'));
    const d = build(draft.files);
    d.setHistory(REL, { changedOn: '2026-07-04' });
    expectNone(d, REL, 'body-changed-after-review');
  });

  it('hashes bodies alike whatever the frontmatter, line endings and layout, and tells different texts apart', () => {
    assert.equal(bodyHash('---\na: 1\n---\nText\nmore\n'), bodyHash('---\na: 2\nb: 3\n---\nText\r\nmore\r\n'));
    assert.notEqual(bodyHash('---\na: 1\n---\nText\n'), bodyHash('---\na: 1\n---\nText.\n'));
    // A blank line added, trailing spaces dropped, a paragraph wrapped anew: the same text.
    assert.equal(bodyHash('---\na: 1\n---\n# Changelog\n- 1.1 - Expanded  \n  the guide.\n'), bodyHash('---\na: 1\n---\n\n# Changelog\n\n- 1.1 - Expanded the\n  guide.\n\n'));
    assert.notEqual(bodyHash('---\na: 1\n---\nleast privilege\n'), bodyHash('---\na: 1\n---\nleastprivilege\n'));
  });

  it('compares bytes as the hash does: the same text but for blanks, and nothing else', () => {
    const enc = (t: string): Uint8Array => Buffer.from(t, 'utf8');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'é', ' ', '\n', '\r\n', '\t', '  ', '.'), { maxLength: 12 }), fc.array(fc.constantFrom('a', 'b', 'é', ' ', '\n', '\r\n', '\t', '  ', '.'), { maxLength: 12 }), (xs, ys) => {
        const x = xs.join('');
        const y = ys.join('');
        const words = (t: string): string => t.split(/[ \t\n\r\v\f]+/).filter((w) => w !== '').join(' ');
        assert.equal(sameText(enc(x), enc(y)), words(x) === words(y), JSON.stringify([x, y]));
        assert.equal(bodyHash(x, 0) === bodyHash(y, 0), words(x) === words(y), JSON.stringify([x, y]));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});
