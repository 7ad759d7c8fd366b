// Every file of the walk is tested against `documents.include` and `exclude`; the direct regex test
// must decide exactly as picomatch's matcher does.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch/posix';
import { ComplianceWorkspace } from '../../server/src/core/index/workspace';
import { TODAY } from '../helpers';

const GLOBS = [
  'policies/**/*.md',
  'controls/**/*.md',
  '**/*.md',
  '*.md',
  '**/README.md',
  'docs/{policies,controls}/*.md',
  'controls/**/!(draft)*.md',
  'procedures/[a-c]*.md',
  'narratives/?.md',
  '.hidden/**/*.md',
  'policies/access.md',
  'policies/(a|b).md',
];
const segment = fc.constantFrom('policies', 'controls', 'docs', 'procedures', 'narratives', '.hidden', 'README.md', 'access.md', 'a.md', 'b.md', 'draft-x.md', 'x.MD', 'c.md', '(a|b).md', 'sub');
const filePath = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

describe('document globs (perf equivalence)', () => {
  it('decides which files are documents exactly as picomatch does', () => {
    fc.assert(
      fc.property(fc.subarray(GLOBS, { minLength: 1, maxLength: 3 }), fc.subarray(GLOBS, { maxLength: 2 }), fc.array(filePath, { minLength: 1, maxLength: 10 }), (include, exclude, paths) => {
        const ws = new ComplianceWorkspace({ today: TODAY });
        const quote = (globs: readonly string[]): string => `[${globs.map((g) => JSON.stringify(g)).join(', ')}]`;
        ws.setConfig('compliance-docs.yml', `documents:\n  include: ${quote(include)}\n  exclude: ${quote(exclude)}\n`);
        const inc = picomatch([...include], { dot: true });
        const exc = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
        for (const p of [...paths, ...include, ...exclude]) {
          assert.equal(ws.isDocumentPath(p), p.toLowerCase().endsWith('.md') && inc(p) && !exc(p), `${p} with include ${quote(include)} exclude ${quote(exclude)}`);
        }
      }),
      { numRuns: 400, seed: 5 },
    );
  });
});
