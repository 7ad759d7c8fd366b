// The fast frontmatter reader must build exactly the nodes `yaml` builds (values, source, type,
// ranges, flow) whenever it answers, and must hand everything else to `yaml`.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { parseComplianceDocument } from '../../server/src/core/parse/document';
import { isMap, isScalar, isSeq, parseYaml, readSimpleYaml, type YamlNode } from '../../server/src/core/parse/yaml';
import { joinLines } from '../helpers';

type Dumped = null | undefined | { readonly [key: string]: unknown };

/** The fields of a node that the frontmatter readers use. */
function dump(node: unknown): Dumped {
  if (node === null || node === undefined) return node;
  if (isMap(node)) return { map: true, flow: node.flow === true, range: node.range, items: node.items.map((p) => [dump(p.key), dump(p.value)]) };
  if (isSeq(node)) return { seq: true, flow: node.flow === true, range: node.range, items: node.items.map(dump) };
  if (isScalar(node)) return { value: node.value, type: node.type, source: node.source, range: node.range };
  return { other: String(node) };
}

function reference(source: string): { contents: Dumped; errors: number } {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: true });
  return { contents: dump(doc.contents), errors: doc.errors.length };
}

/** 'fast' when the fast reader answered (and agreed with `yaml`), 'yaml' when it left the text to `yaml`. */
function readerFor(source: string): 'fast' | 'yaml' {
  const fast = readSimpleYaml(source);
  if (fast === undefined) return 'yaml';
  const ref = reference(source);
  assert.equal(ref.errors, 0, `the fast reader accepted YAML that \`yaml\` rejects: ${JSON.stringify(source)}`);
  assert.deepEqual(dump(fast), ref.contents, `nodes differ for ${JSON.stringify(source)}`);
  return 'fast';
}

describe('fast frontmatter reader (perf equivalence)', () => {
  it('reads the usual frontmatter itself, with the nodes yaml builds', () => {
    const usual = [
      joinLines('id: CTL-1', 'title: "Access review"', 'owner:', 'criteria: [CC6.1, CC7.2]', 'evidence:', '  - path: ../../evidence/2026-Q1/a.md', '    date: 2026-03-20', '  - evidence/b.csv', 'status: approved', ''),
      joinLines('a: x  ', 'b:', '- p', '-   q  ', 'c:  ', '  d: e', '  f:', 'last: "q"'),
      joinLines('a: x', '', '  ', 'b: y', '', ''),
      joinLines('l:', '  - path: a', '    date:', '  - path: b', '', 'm: 1x'),
      joinLines('a: [x, y]   ', 'b: [ ]', 'c: []', 'd: [ x ,y,  z  ]', 'e: [x y, z]'),
      joinLines('satisfies:', '  TSC:', '  - CC6.1', '  - CC6.2', 'name: Access'),
      joinLines('satisfies:', '  TSC:', '    - CC6.1'),
      joinLines("t: 'single quoted'", 'u: ""', "v: ''", 'w: https://t.example.com/SEC-1#note', 'x: a:b', 'y: x-', 'z: é ü 中文'),
      joinLines('a:', '  -   b: c', '      d: e', '  - f: g'),
      joinLines('x-y.z/w: v', '_a: v', 'a:'),
      joinLines('a:', '- x', '- y: z', '  w: v', '- [p, q]'),
      '\n\na: b\n',
    ];
    for (const source of usual) assert.equal(readerFor(source), 'fast', JSON.stringify(source));
  });

  it('leaves to yaml what it does not read itself', () => {
    const unusual = [
      'a: x\nb: x\na: y\n', // duplicate key: an error
      'a: 1\n', // a number
      'a: true\n',
      'a: ~\n',
      'true: x\n',
      'a: x # comment\n',
      '# comment\na: x\n',
      'a: b: c\n',
      'a: [a: b]\n',
      'a:\n  b\n', // a scalar on the next line
      'a: x\n  y\n', // a multi-line plain scalar
      'a:\n  -\n',
      'a: |\n  x\n',
      'a: >\n  x\n',
      'a: &anchor x\n',
      'a: *anchor\n',
      'a: !tag x\n',
      'a: {b: c}\n',
      'a: "x\\"y"\n',
      "a: 'x''y'\n",
      'a: "x"y\n',
      'a: [x,]\n',
      'a: [x,,y]\n',
      'a: [x,\n  y]\n',
      'a: x\n b: y\n',
      ' a: x\n',
      'a:\n    - x\n  - y\n',
      'a:\n  - b: c\n   d: e\n',
      'a: x\r\nb: y\r\n',
      'a:\tx\n',
      'key : v\n',
      'a:b\n',
      '- x\n',
      '',
      'a: -x\n',
      '"a": x\n',
      '? a\n: b\n',
      '%YAML 1.2\na: b\n',
    ];
    for (const source of unusual) assert.equal(readerFor(source), 'yaml', JSON.stringify(source));
  });

  it('agrees with yaml on generated frontmatter, or leaves it to yaml', () => {
    const key = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('id', 'title', 'a', 'criteria', 'evidence', 'path', 'date', 'x-y', 'TSC', 'a.b', 'k_1', 'url') }, { weight: 1, arbitrary: fc.constantFrom('true', '12', 'null', 'a b') });
    const scalar = fc.oneof(
      { weight: 40, arbitrary: fc.constantFrom('CTL-1', 'x', 'x y', 'CC6.1', '2026-01-01', 'a/b/c.md', '../e/2026-Q1.md', 'https://t.example.com/X-1#n', 'é ü', 'R&D', 'a > b', 'x:y', 'x#y', '"q"', "'s'", '""', 'Jan 1 2020') },
      { weight: 1, arbitrary: fc.constantFrom('1', '1.5', 'true', 'null', '~', 'a: b', 'x #c', '[a]', '{a: b}', '&x y', '*x', '!t x', '|', '>', '-x', '?x', '"a\\"b"', "'a''b'", '"a', '.5', 'a]', '"x" y', 'x\t', '\u2028', '0x1F', '.inf') },
    );
    const flowItem = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('CC6.1', 'x', 'a b', 'POL-1', 'é', '2026-01-01') }, { weight: 1, arbitrary: fc.constantFrom('1', '"q"', 'a:b', '', ' ', '[y]') });
    const pad = fc.constantFrom('', '', ' ', '  ');
    type Value = { kind: 'scalar'; text: string } | { kind: 'empty' } | { kind: 'flow'; items: string[]; sep: string } | { kind: 'list'; indent: number; items: Array<string | Array<[string, string]>> } | { kind: 'map'; indent: number; entries: Array<[string, string]> };
    const value: fc.Arbitrary<Value> = fc.oneof(
      fc.record({ kind: fc.constant('scalar' as const), text: scalar }),
      fc.constant({ kind: 'empty' as const }),
      fc.record({ kind: fc.constant('flow' as const), items: fc.array(flowItem, { maxLength: 4 }), sep: fc.constantFrom(', ', ',', ' , ') }),
      fc.record({
        kind: fc.constant('list' as const),
        indent: fc.constantFrom(0, 1, 2, 4),
        items: fc.array(fc.oneof(scalar, fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('map' as const), indent: fc.constantFrom(1, 2, 4), entries: fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 }) }),
    );
    const entry = fc.tuple(key, value, pad, fc.boolean());
    const document = fc.tuple(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.constantFrom('', '\n', '\n\n', ' \n'), fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', ':', '-', '#', '"', '[', ',', 'x', '\t', '')) }));
    const render = ([entries, end, mutation]: [Array<[string, Value, string, boolean]>, string, [number, string] | null]): string => {
      const lines: string[] = [];
      for (const [k, v, trailing, blankAfter] of entries) {
        if (v.kind === 'scalar') lines.push(`${k}: ${v.text}${trailing}`);
        else if (v.kind === 'empty') lines.push(`${k}:${trailing}`);
        else if (v.kind === 'flow') lines.push(`${k}: [${v.items.join(v.sep)}]${trailing}`);
        else if (v.kind === 'map') {
          lines.push(`${k}:`);
          for (const [k2, s] of v.entries) lines.push(`${' '.repeat(v.indent)}${k2}: ${s}`);
        } else {
          lines.push(`${k}:`);
          for (const item of v.items) {
            if (typeof item === 'string') lines.push(`${' '.repeat(v.indent)}- ${item}${trailing}`);
            else item.forEach(([k2, s], i) => lines.push(i === 0 ? `${' '.repeat(v.indent)}- ${k2}: ${s}` : `${' '.repeat(v.indent + 2)}${k2}: ${s}`));
          }
        }
        if (blankAfter) lines.push('');
      }
      let text = lines.join('\n') + end;
      if (mutation) {
        const at = mutation[0] % (text.length + 1);
        text = text.slice(0, at) + mutation[1] + text.slice(at + (mutation[1] === '' ? 1 : 0));
      }
      return text;
    };
    let fast = 0;
    fc.assert(
      fc.property(document.map(render), (source) => {
        if (readerFor(source) === 'fast') fast++;
      }),
      { numRuns: 5000, seed: 42 },
    );
    // The generator is meant to exercise the fast reader, not only the fallback.
    assert.ok(fast > 1000, `the fast reader answered only ${fast} of 5000`);
  });

  it('gives parseYaml the same result with and without the fast reader', () => {
    const source = joinLines('id: CTL-1', 'criteria: [CC6.1]', 'evidence:', '  - path: a.md', '    date: 2026-03-20', '');
    const fast = parseYaml(source, 10, { fast: true });
    const slow = parseYaml(source, 10);
    assert.equal(fast.doc, undefined, 'the fast reader read it');
    assert.ok(slow.doc, 'yaml read it');
    assert.deepEqual(dump(fast.contents as YamlNode), dump(slow.contents));
    assert.deepEqual(fast.errors, slow.errors);
  });

  it('parses documents to the same model with the fast readers as with the reference path', () => {
    const docs: Record<string, string> = {
      'controls/ac-01.md': joinLines('---', 'id: AC-01', 'type: control', 'title: "Quarterly access review"', 'owner: it-lead', 'status: approved', 'criteria:', '  - CC6.2', '  - CC9.9', 'policies: [POL-ACCESS]', 'last_reviewed: 2026-06-30', 'review_cycle: P6M', 'frequency: quarterly', 'evidence:', '  - path: ../evidence/2026-Q1/access.csv', '    date: 2026-03-28', '  - evidence/2026-Q2/access.csv', '  - url: https://tickets.example.com/SEC-1', '    date: 2026-06-30', '---', '', '# Access', '', 'See [the export](../evidence/2026-Q3/export.csv).', ''),
      'policies/access.md': joinLines('---', 'id: POL-ACCESS', 'title: Access', 'controls: AC-01', 'status: draft', 'last_reviewed: 2026-13-01', '---', 'Body.'),
      'policies/comply.md': joinLines('name: Comply style', 'acronym: POL-C', 'satisfies:', '  TSC:', '    - CC1.1', 'majorRevisions:', '  - date: Jan 1 2026', '    comment: first', '---', 'Body'),
      'procedures/broken.md': joinLines('---', 'id: PROC-1', 'criteria: [[CC6.1]', '---'),
    };
    for (const [path, text] of Object.entries(docs)) {
      const withFast = parseComplianceDocument(path, text, {});
      const reference = parseComplianceDocument(path, text, { fullParse: true });
      assert.deepEqual(withFast, reference, path);
    }
  });
});
