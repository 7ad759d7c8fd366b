// Links in a document body. `remarkLinks` is the reference (a full CommonMark parse); `scanLinks`
// is the fast path, which must find exactly the same links whenever it answers, and must answer
// for the documents people actually write.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { remarkLinks, scanLinks, type MarkdownLink } from '../../server/src/core/parse/links';
import { joinLines, marked } from '../helpers';

type Kind = MarkdownLink['kind'];

/**
 * Both paths find exactly `expected` in `source`, whose destinations are marked «…». Each entry is
 * [kind, destination, which marker (default: its own position)]: a link is listed before the image
 * inside it although its destination comes later.
 */
function assertLinks(source: string, expected: ReadonlyArray<readonly [Kind, string, number?]>, from = 0): void {
  const { text, spans } = marked(source);
  const want = expected.map(([kind, destination, at], i) => ({ kind, destination, span: spans[at ?? i] }));
  assert.deepEqual(remarkLinks(text, from), want, 'remark');
  assert.deepEqual(scanLinks(text, from), want, 'scanner');
}

/** The scanner leaves the text to remark. */
function assertUnsure(text: string): void {
  assert.equal(scanLinks(text, 0), undefined);
}

describe('body links', () => {
  describe('inline links and images', () => {
    it('finds a link and the exact span of its destination', () => {
      assertLinks('See [the review](«../evidence/2026-Q1/review.csv») for Q1.', [['link', '../evidence/2026-Q1/review.csv']]);
    });

    it('finds images', () => {
      assertLinks('![diagram](«../assets/flow.png»)', [['image', '../assets/flow.png']]);
    });

    it('gives an empty destination an empty span right after the parenthesis', () => {
      assertLinks('[a](«») [b](«» ) [c](<«»>)', [['link', ''], ['link', ''], ['link', '']]);
    });

    it('reads destinations in angle brackets, which may contain spaces, without the brackets', () => {
      assertLinks('[a](<«../evidence/q1 access review.pdf»>)', [['link', '../evidence/q1 access review.pdf']]);
    });

    it('skips titles in double quotes, single quotes and parentheses', () => {
      assertLinks('[a](«x.csv» "Signed") [b](«y.csv» \'ok\') [c](<«z w.csv»> (archived))', [
        ['link', 'x.csv'],
        ['link', 'y.csv'],
        ['link', 'z w.csv'],
      ]);
    });

    it('keeps balanced parentheses in a destination', () => {
      assertLinks('[a](«evidence/(draft)/x(1).csv»)', [['link', 'evidence/(draft)/x(1).csv']]);
    });

    it('decodes backslash escapes and character references, with the span over the raw text', () => {
      assertLinks('[a](«a\\)b\\_c&amp;d&#65;&#x42;»)', [['link', 'a)b_c&dAB']]);
    });

    it('does not treat escaped brackets as a link', () => {
      assertLinks('\\[not a link\\](x.csv) and [a \\] b](«y.csv»)', [['link', 'y.csv']]);
    });

    it('allows balanced brackets in the link text', () => {
      assertLinks('[see [1] and [2]](«notes.md»)', [['link', 'notes.md']]);
    });

    it('finds links whose text is wrapped over lines, also inside containers', () => {
      assertLinks(joinLines('See [the signed', 'review](«r.csv») and', '> [a *quote*', '> link](«q.md»)'), [['link', 'r.csv'], ['link', 'q.md']]);
    });

    it('matches wrapped text against definitions as remark does, with the line break as a space', () => {
      // `[Q1 review]` is then a reference, and a link cannot contain one.
      assertLinks(joinLines('[see [Q1', 'review] here](x)', '', '[q1 Review]: «/e.csv»'), [['definition', '/e.csv']]);
      assertLinks(joinLines('[see [Q1', 'review] here](«x»)'), [['link', 'x']]);
    });

    it('finds both an image and the link around it, the link first', () => {
      assertLinks('[![alt](«img.png»)](«target.md»)', [['link', 'target.md', 1], ['image', 'img.png', 0]]);
    });

    it('drops links inside an image description, as the tree does', () => {
      assertLinks('![a [b](c.md) d](«e.png»)', [['image', 'e.png']]);
    });

    it('ignores autolinks, which have no destination to point at a file', () => {
      assertLinks('<https://example.com/x> and [y](«y.md»)', [['link', 'y.md']]);
    });

    it('finds links inside emphasis and table cells', () => {
      assertLinks(
        joinLines('**[a](«a.md»)** _x_', '', '| Role | Evidence |', '|---|---|', '| Owner | [b](«b.csv») |', '| Lead | [c](«c|d.csv») |'),
        [['link', 'a.md'], ['link', 'b.csv'], ['link', 'c|d.csv']],
      );
    });

    it('counts offsets in UTF-16 code units', () => {
      assertLinks('Contrôle 🔐 日本 [é](«évidence/ü.md»)', [['link', 'évidence/ü.md']]);
    });
  });

  describe('reference definitions', () => {
    it('reports definitions in document order among the links, but not the references that use them', () => {
      assertLinks(
        joinLines('Uses [text][ref], [ref][] and [ref], then [x](«x.md»).', '', '[ref]: «../evidence/r.csv» "Title"', '[other]: <«a b.md»>'),
        [['link', 'x.md'], ['definition', '../evidence/r.csv'], ['definition', 'a b.md']],
      );
    });

    it('reads definitions only at the start of a paragraph', () => {
      assertLinks(joinLines('text', '[ref]: not-a-definition.md', '', '[a]: «b.md»', '[c]: «d.md»', 'text'), [
        ['definition', 'b.md'],
        ['definition', 'd.md'],
      ]);
    });

    it('lets a defined label inside link text make a reference, so the outer brackets are no link', () => {
      assertLinks(joinLines('[a [b] c](d.md)', '', '[b]: «/x»'), [['definition', '/x']]);
      assertLinks('[a [b] c](«d.md»)', [['link', 'd.md']]);
    });

    it('finds definitions in block quotes and list items', () => {
      assertLinks(joinLines('> [a]: «b.md»', '', '- [c]: «d.md»'), [['definition', 'b.md'], ['definition', 'd.md']]);
    });
  });

  describe('code', () => {
    it('hides links in code spans of any backtick length, also across lines', () => {
      assertLinks(joinLines('`[a](b)` ``x ` [c](d)`` `e', '[f](g)` [h](«i»)'), [['link', 'i']]);
    });

    it('does not hide links after a backtick run that is never closed', () => {
      assertLinks('`` [a](«b») `', [['link', 'b']]);
    });

    it('hides links in fenced code with backticks or tildes, indented up to three spaces', () => {
      assertLinks(joinLines('```yaml', '[a](b)', '```', '   ~~~~', '[c](d)', '~~~', '~~~~', '[e](«f»)'), [['link', 'f']]);
    });

    it('closes a fence only with a fence at least as long', () => {
      assertLinks(joinLines('````', '```', '[a](b)', '`````', '[c](«d»)'), [['link', 'd']]);
    });

    it('runs an unclosed fence to the end of the document', () => {
      assertLinks(joinLines('[a](«b»)', '```', '[c](d)'), [['link', 'b']]);
    });

    it('hides links in indented code but not in an indented paragraph continuation', () => {
      assertLinks(joinLines('    [a](b)', '', 'text', '    [c](«d»)'), [['link', 'd']]);
    });

    it('does not take a backtick line with a backtick in its info string for a fence', () => {
      assertLinks(joinLines('``` a`b', '[c](«d»)'), [['link', 'd']]);
    });
  });

  describe('blocks', () => {
    it('finds links in ATX and setext headings', () => {
      assertLinks(joinLines('# [a](«b») #', '', '[c](«d»)', '===', '', '[e](«f»)', '---'), [
        ['link', 'b'],
        ['link', 'd'],
        ['link', 'f'],
      ]);
    });

    it('finds links in ordered, unordered and nested lists', () => {
      assertLinks(
        joinLines('1. [a](«a»)', '2. text', '   - [b](«b»)', '     - [c](«c»)', '', '* [d](«d»)', '+ [e](«e»)', '10) [f](«f»)'),
        [['link', 'a'], ['link', 'b'], ['link', 'c'], ['link', 'd'], ['link', 'e'], ['link', 'f']],
      );
    });

    it('finds links in block quotes, nested and lazy', () => {
      assertLinks(joinLines('> [a](«a»)', '> > - [b](«b»)', 'lazy [c](«c»)'), [['link', 'a'], ['link', 'b'], ['link', 'c']]);
    });

    it('reads CRLF line endings', () => {
      assertLinks(joinLines('# T', '', '- [a](«a»)', '```', '[b](c)', '```', '[d]: «e»').replace(/\n/g, '\r\n'), [
        ['link', 'a'],
        ['definition', 'e'],
      ]);
    });

    it('hides links in code indented with tabs', () => {
      assertLinks(joinLines('\t[a](b)', '', 'text', '\t[c](«d»)'), [['link', 'd']]);
    });

    it('skips HTML comment blocks', () => {
      assertLinks(joinLines('<!-- [a](b)', '[c](d) -->', '[e](«f»)'), [['link', 'f']]);
    });
  });

  describe('where the body starts', () => {
    it('returns only links at or after `from`, and nothing from the frontmatter', () => {
      const { text, spans } = marked(joinLines('---', 'criteria: [CC6.1]', 'evidence: [a](b)', '---', '[c](«d»)', ''));
      const from = text.indexOf('[c]');
      const want = [{ kind: 'link', destination: 'd', span: spans[0] }];
      assert.deepEqual(scanLinks(text, from), want);
      assert.deepEqual(remarkLinks(text, from), want);
      assert.deepEqual(scanLinks(text, 0), want);
    });

    it('reads the text before `from` when it is markdown to remark (frontmatter without an opening fence)', () => {
      const text = joinLines('name: Access', '', '[r]: /defined', '---', '[a [r] b](c)', '');
      const from = text.indexOf('[a');
      assert.deepEqual(scanLinks(text, from), remarkLinks(text, from));
      assert.deepEqual(scanLinks(text, from), []);
    });

    it('reads a document whose frontmatter is never closed as remark does, without block quotes or lists', () => {
      assertLinks(joinLines('---', 'id: X', '> [a](«b»)', '-     [c](«d»)'), [['link', 'b'], ['link', 'd']]);
    });

    it('answers at once for a body without a bracket', () => {
      assert.deepEqual(scanLinks(joinLines('---', 'a: [b]', '---', '# Title', '', 'No links.'), 0), []);
    });

    it('counts offsets after a byte order mark as remark does, from the start of the text', () => {
      const text = '\uFEFF# T\n[a](b)';
      assert.deepEqual(scanLinks(text, 0), [{ kind: 'link', destination: 'b', span: { start: 9, end: 10 } }]);
      assert.deepEqual(remarkLinks(text, 0), scanLinks(text, 0));
    });
  });

  describe('what it leaves to remark', () => {
    it('leaves HTML blocks and inline HTML that runs over a line', () => {
      assertUnsure(joinLines('<div>', '[a](b)', '</div>'));
      assertUnsure(joinLines('[a](b) <span', 'title="x">'));
    });

    it('leaves links whose destination or title runs over a line', () => {
      assertUnsure(joinLines('[a](', 'b)'));
      assertUnsure(joinLines('[a](b "c', 'd")'));
      assertUnsure(joinLines('[a]:', '  b'));
    });

    it('leaves named character references it has no table for', () => {
      assertUnsure('[a](b&copy;c)');
    });

    it('leaves tab-indented lists and lone carriage returns', () => {
      assertUnsure('- a\n\t- [b](c)');
      assertUnsure('a\r[b](c)');
    });

    it('leaves the answer to remark, which reads HTML blocks', () => {
      const { text, span } = marked(joinLines('<div>', '[a](b)', '</div>', '', '[c](«d»)'));
      assertUnsure(text);
      assert.deepEqual(remarkLinks(text, 0), [{ kind: 'link', destination: 'd', span }]);
    });
  });

  describe('a realistic policy', () => {
    const text = fs.readFileSync(path.resolve('test/fixtures/links/access-control-policy.md'), 'utf8');
    const from = text.indexOf('\n---\n', 3) + 5;

    it('is read by the scanner, with the links remark finds', () => {
      const links = scanLinks(text, from);
      assert.ok(links, 'the scanner gave up');
      assert.deepEqual(links, remarkLinks(text, from));
      assert.deepEqual(
        links.map((l) => `${l.kind} ${l.destination}`),
        [
          'link ../narratives/system-description.md',
          'link #controls',
          'link ../evidence/2026-Q1/access-approvals.csv',
          'link ../evidence/2026-Q1/access-review.csv',
          'link ../evidence/2026-Q1/privileged alerts.csv',
          'link https://tickets.example.com/projects/SEC',
          'link ../procedures/break-glass.md',
          'image ../assets/offboarding(v2).png',
          'link ../evidence/2026-Q1/setext.md',
          'link ../controls/AC-01.md',
          'link ../controls/AC-02.md',
          'definition https://www.aicpa-cima.com/resources/landing/trust-services-criteria',
          'definition ../evidence/2026-Q2/access-review.csv',
        ],
      );
      for (const l of links) assert.equal(text.slice(l.span.start, l.span.end), l.destination);
    });

    it('is read the same with CRLF line endings', () => {
      const crlf = text.replace(/\n/g, '\r\n');
      const crlfFrom = crlf.indexOf('\r\n---\r\n', 3) + 7;
      const links = scanLinks(crlf, crlfFrom);
      assert.ok(links, 'the scanner gave up');
      assert.deepEqual(links, remarkLinks(crlf, crlfFrom));
    });
  });
});

// ----- generated documents ----------------------------------------------------------------------

const word = fc.constantFrom('access', 'review', 'quarterly', 'owner', 'the', 'of', 'and', 'CC6.1', 'évidence', 'contrôle', '日本語', 'naïve', '🔐', '2026');
const words = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const localPath = fc.constantFrom(
  '../evidence/2026-Q1/access-review.csv',
  '../../evidence/g000/CTL-00001/2026-Q1.md',
  'evidence/2026-06/backup-restore.pdf',
  '/evidence/root-level.md',
  './evidence/policy(v2).md',
  'evidence/a_b-c.d.txt',
);
const url = fc.constantFrom('https://tickets.example.com/SEC-123', 'https://example.com/a?b=1&c=2#frag', 'mailto:security@example.com', '#scope', 'https://en.wikipedia.org/wiki/SOC_(disambiguation)');
const destination = fc.oneof(localPath, url, localPath.map((p) => `<${p.replace('-', ' ')}>`), fc.constant(''));
const title = fc.constantFrom('', '', ' "Signed off"', " 'Q1'", ' (archived)');
const label = fc.constantFrom('ref', 'Q1 review', 'tsc');
const link = fc.tuple(words, destination, title).map(([t, d, ti]) => `[${t}](${d}${ti})`);
const image = fc.tuple(words, localPath).map(([t, d]) => `![${t}](${d})`);

const inline = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 4, arbitrary: link },
  { weight: 1, arbitrary: image },
  { weight: 1, arbitrary: fc.tuple(image, destination).map(([i, d]) => `[${i}](${d})`) },
  { weight: 1, arbitrary: link.map((l) => `\`${l}\``) },
  { weight: 1, arbitrary: link.map((l) => `\`\` \` ${l} \`\``) },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom('*', '_', '**')).map(([t, m]) => `${m}${t}${m}`) },
  { weight: 1, arbitrary: link.map((l) => `**${l}**`) },
  { weight: 1, arbitrary: words.map((t) => `\\[${t}\\]`) },
  { weight: 1, arbitrary: fc.tuple(words, label).map(([t, r]) => `[${t}][${r}]`) },
  { weight: 1, arbitrary: label.map((r) => `[${r}]`) },
  { weight: 1, arbitrary: fc.constant('<https://tickets.example.com/SEC-9>') },
  { weight: 1, arbitrary: fc.tuple(words, destination).map(([t, d]) => `[see [1] ${t}](${d})`) },
);
const sentence = fc.array(inline, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(' '));
const lines = (min: number, max: number) => fc.array(sentence, { minLength: min, maxLength: max });

const block = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), sentence).map(([n, s]) => `${'#'.repeat(n)} ${s}`) },
  { weight: 1, arbitrary: fc.tuple(lines(1, 2), fc.constantFrom('===', '---')).map(([l, u]) => `${l.join('\n')}\n${u}`) },
  { weight: 4, arbitrary: lines(1, 2).map((l) => l.join('\n')) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('-', '*', '+'), lines(1, 4), fc.option(lines(1, 2))).map(([m, items, nested]) =>
      items.map((s, i) => `${m} ${s}${i === 0 && nested ? nested.map((n) => `\n  - ${n}`).join('') : ''}`).join('\n'),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('.', ')'), lines(1, 4), fc.option(sentence)).map(([d, items, nested]) =>
      items.map((s, i) => `${i + 1}${d} ${s}${i === 0 && nested ? `\n   - ${nested}` : ''}`).join('\n'),
    ),
  },
  { weight: 1, arbitrary: lines(1, 3).map((l) => l.map((s) => `> ${s}`).join('\n')) },
  { weight: 1, arbitrary: lines(1, 2).map((l) => l.map((s) => `> - ${s}`).join('\n')) },
  {
    weight: 2,
    arbitrary: fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 4 }).map((rows) =>
      ['| Criterion | Evidence |', '|---|---|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n'),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('', 'yaml', 'sh'), fc.constantFrom('', ' ', '  '), lines(1, 3)).map(
      ([fence, info, indent, body]) => `${indent}${fence}${info}\n${body.join('\n')}\n${indent}${fence}`,
    ),
  },
  { weight: 1, arbitrary: fc.tuple(label, destination, title).map(([l, d, t]) => `[${l}]: ${d === '' ? '<>' : d}${t}`) },
  { weight: 1, arbitrary: sentence.map((s) => `    ${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('---', '***', '<!-- reviewed by [owner](x.md) -->') },
);

interface Generated {
  readonly text: string;
  readonly from: number;
}

const realistic: fc.Arbitrary<Generated> = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), fc.option(lines(1, 2)))
  .map(([blocks, crlf, frontmatter, unclosedFence]) => {
    let body = blocks.join('\n\n');
    if (unclosedFence) body += `\n\n\`\`\`\n${unclosedFence.join('\n')}`;
    const eol = crlf ? '\r\n' : '\n';
    const front = frontmatter ? ['---', 'id: CTL-1', 'criteria: [CC6.1]', '---', ''].join(eol) : '';
    return { text: front + `${body}\n`.replace(/\n/g, eol), from: front.length };
  });

/** A realistic document with stray punctuation and line breaks typed into it, and blocks not always apart. */
const noisy: fc.Arbitrary<Generated> = fc
  .tuple(
    fc.array(block, { minLength: 1, maxLength: 3 }),
    fc.array(fc.constantFrom('\n\n', '\n'), { minLength: 6, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('[', ']', '(', ')', '!', '`', '<', '>', '*', '_', '\\', '\n', ' ', '  ', '- ', '1. ', '#', '"', '&amp;', ':', '[x]: y')), {
      maxLength: 6,
    }),
  )
  .map(([blocks, joins, edits]) => {
    let text = blocks.map((b, i) => (i === 0 ? b : joins[i - 1] + b)).join('');
    for (const [at, insert] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i);
    }
    return { text, from: 0 };
  });

/** Whether the scanner answered; when it did, it must agree with remark. */
function agrees({ text, from }: Generated): boolean {
  const fast = scanLinks(text, from);
  if (fast === undefined) return false;
  assert.deepEqual(fast, remarkLinks(text, from), JSON.stringify(text));
  return true;
}

describe('body links on generated documents', function () {
  // remark reads generated markdown, dense with links, at about 1 ms a document.
  this.timeout(60_000);

  it('agree with remark on realistic documents', () => {
    fc.assert(
      fc.property(realistic, (doc) => {
        agrees(doc);
      }),
      { numRuns: 800 },
    );
  });

  it('agree with remark on documents with stray punctuation', () => {
    fc.assert(
      fc.property(noisy, (doc) => {
        agrees(doc);
      }),
      { numRuns: 1500 },
    );
  });

  it('rarely leave a realistic document to remark', () => {
    const docs = fc.sample(realistic, { numRuns: 400, seed: 7 });
    const answered = docs.filter((doc) => agrees(doc)).length;
    assert.ok(answered / docs.length > 0.95, `answered ${answered} of ${docs.length}`);
  });
});

describe('body links on the benchmark corpus', function () {
  this.timeout(60_000);
  const generator = [path.resolve('bench/gen-corpus.mjs'), '/work/shared/bench/gen-corpus.mjs'].find((p) => fs.existsSync(p));
  let dir = '';

  before(function () {
    if (!generator) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'links-corpus-'));
    execFileSync(process.execPath, [generator!, dir, '300'], { stdio: 'ignore' });
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('scans every document without giving up, with the links remark finds', () => {
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !f.startsWith('evidence'));
    assert.equal(files.length, 300);
    let linked = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const from = text.indexOf('\n---\n', 3) + 5;
      const reference = remarkLinks(text, from);
      // The frontmatter holds no links, so from its start the same ones.
      for (const start of [from, 0]) {
        const links = scanLinks(text, start);
        assert.ok(links, `the scanner gave up on ${file}`);
        assert.deepEqual(links, reference, file);
      }
      if (reference.length > 0) linked++;
    }
    assert.ok(linked > 100, `only ${linked} documents with links`);
  });
});
