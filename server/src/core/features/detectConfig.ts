// What `init` writes in a repository that already has a program: the config that reads exactly the
// documents found (includes, the files passed over inside them as excludes, mapping files outside
// them, the site's link base), with comments saying what was found and which keys were read.

import picomatch from 'picomatch/posix';
import { CATEGORIES, getCriterion, type Category } from '../catalog/catalog';
import { describeDocuments } from '../model/program';
import type { ComplianceWorkspace } from '../index/workspace';
import type { DocumentType } from '../model/types';

export interface DetectedConfig {
  readonly text: string;
  /** Lines saying what was found, for the terminal. */
  readonly found: readonly string[];
}

/** YAML plain scalar when safe, else double-quoted. */
function yamlItem(s: string): string {
  return /^[A-Za-z0-9_./-][A-Za-z0-9_./*-]*$/.test(s) && !s.startsWith('*') ? s : JSON.stringify(s);
}

export function detectedConfig(ws: ComplianceWorkspace): DetectedConfig {
  const { documents, skipped } = ws.runSummary();
  const byType: Record<DocumentType, number> = { policy: 0, procedure: 0, control: 0, narrative: 0, vendor: 0, risk: 0, 'risk-assessment': 0 };
  for (const d of documents) byType[d.type]++;

  // Each top-level folder holding a document, or the document itself at the root.
  const include = [...new Set(documents.map((d) => (d.path.includes('/') ? `${d.path.slice(0, d.path.indexOf('/'))}/**/*.md` : d.path)))].sort();
  const included = picomatch(include, { dot: true });
  const exclude = ['**/README.md', ...skipped.map((s) => s.path).filter((p) => included(p) && !/(^|\/)README\.md$/.test(p))];
  const docPaths = new Set(documents.map((d) => d.path));
  const mappings = ws.mappingFiles().filter((p) => !docPaths.has(p));

  const categories = new Set<Category>(['security']);
  for (const d of documents) for (const id of d.criteria) categories.add(getCriterion(id)?.category ?? 'security');
  const orderedCategories = CATEGORIES.map((c) => c.id).filter((c) => categories.has(c));

  // Keys read under other names, and the site base of root links.
  const keys = new Map<string, string>();
  const bases = new Map<string, number>();
  for (const d of documents) {
    const doc = ws.document(d.path);
    if (!doc) continue;
    for (const f of doc.fields) if (f.field !== f.key && !keys.has(f.key)) keys.set(f.key, f.field);
    for (const e of doc.evidence) {
      if (e.source !== 'body' || !e.target.startsWith('/')) continue;
      const seg = e.target.slice(1).split('/')[0];
      if (seg && ws.inventory.get(seg) === undefined) bases.set(seg, (bases.get(seg) ?? 0) + 1);
    }
  }
  const base = [...bases].sort((a, b) => b[1] - a[1])[0]?.[0];

  const found = [
    `Found ${describeDocuments({ documents: documents.length, byType })}${skipped.length > 0 ? `; ${skipped.length} other markdown file${skipped.length === 1 ? '' : 's'} passed over` : ''}.`,
    ...(keys.size > 0 ? [`Keys read under other names: ${[...keys].map(([k, f]) => `${k} (${f})`).join(', ')}.`] : []),
    ...(mappings.length > 0 ? [`Mapping tables in: ${mappings.join(', ')}.`] : []),
    ...(base ? [`Links are published under /${base}/.`] : []),
  ];
  const out: string[] = [
    '# compliance-docs configuration, written by `compliance-docs init` for the program found here.',
    ...found.map((l) => `# ${l}`),
    '# Every setting refines what is read with no configuration; see docs/configuration.md.',
    'framework: soc2',
    '',
    `categories: [${orderedCategories.join(', ')}]`,
    '',
    'audit:',
    '  type: type1                       # type2 needs period: { start: YYYY-MM-DD, end: YYYY-MM-DD }',
    '',
    'documents:',
    '  include:',
    ...include.map((g) => `    - ${yamlItem(g)}`),
    '  exclude:',
    ...exclude.map((g) => `    - ${yamlItem(g)}`),
  ];
  if (mappings.length > 0) out.push('', '# Files whose tables map criteria to documents.', 'mappings:', ...mappings.map((m) => `  - ${yamlItem(m)}`));
  if (base) out.push('', '# The site path the repository is published under, for links such as /base/page/.', 'links:', `  base: /${base}/`);
  const typeKeys = [...keys].filter(([, f]) => f === 'type').map(([k]) => k);
  if (typeKeys.length > 0) {
    out.push(
      '',
      `# Types are read from ${typeKeys.join(', ')}: a Standard or Guideline is a policy; a Plan, Runbook, Register or SOP a procedure.`,
      '# To type documents otherwise, map a value or a path glob onto a type:',
      '# types:',
      '#   Register: policy',
      '#   "handbook/ops/**": procedure',
    );
  }
  out.push('', '# One owner for every document that names none:', '# defaults:', '#   owner: security-lead', '');
  return { text: out.join('\n'), found };
}
