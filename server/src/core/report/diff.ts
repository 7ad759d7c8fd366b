// What a change does to a program: the findings it adds and removes, and the criteria whose coverage
// state it moves, between a base (a commit) and a head (the working tree). Also the baseline filter
// of `check --baseline`. Pure: both sides are computed by the caller.

import type { CoverageReport } from '../coverage/coverage';
import { coverageFraction, stateLabel } from '../coverage/states';
import { countFindings, printable, visibleBidi, type LocatedFinding } from './findings';
import { mdEscape } from './coverage';

/** A finding's identity across two runs: where lines moved, its file, rule and message still match. */
export function findingKey(f: { readonly path: string; readonly code: string; readonly message: string }): string {
  return `${f.path}\u0000${f.code}\u0000${f.message}`;
}

/** The findings of `head` that `base` does not have, counting repeats: a second identical finding is new. */
export function subtractFindings<T extends { readonly path: string; readonly code: string; readonly message: string }>(head: readonly T[], base: readonly { readonly path: string; readonly code: string; readonly message: string }[]): T[] {
  const counts = new Map<string, number>();
  for (const f of base) {
    const k = findingKey(f);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const out: T[] = [];
  for (const f of head) {
    const k = findingKey(f);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(f);
  }
  return out;
}

export interface CriterionChange {
  readonly id: string;
  readonly title: string;
  /** 'not in scope' when the criterion was not in scope on that side. */
  readonly before: string;
  readonly after: string;
}

export interface RunDiff {
  readonly base: string;
  readonly criteria: readonly CriterionChange[];
  readonly added: readonly LocatedFinding[];
  readonly removed: readonly LocatedFinding[];
  readonly coverage: { readonly before: string; readonly after: string };
}

const OUT_OF_SCOPE = 'not in scope';

function coverageCount(r: CoverageReport): string {
  return coverageFraction(r.summary);
}

export function diffRuns(baseName: string, base: { readonly findings: readonly LocatedFinding[]; readonly coverage: CoverageReport }, head: { readonly findings: readonly LocatedFinding[]; readonly coverage: CoverageReport }): RunDiff {
  const before = new Map(base.coverage.criteria.map((c) => [c.id, c]));
  const after = new Map(head.coverage.criteria.map((c) => [c.id, c]));
  const criteria: CriterionChange[] = [];
  const ids = [...head.coverage.criteria.map((c) => c.id), ...base.coverage.criteria.map((c) => c.id).filter((id) => !after.has(id))];
  for (const id of ids) {
    const b = before.get(id);
    const a = after.get(id);
    const bl = b ? stateLabel(b.state) : OUT_OF_SCOPE;
    const al = a ? stateLabel(a.state) : OUT_OF_SCOPE;
    if (bl !== al) criteria.push({ id, title: (a ?? b)?.title ?? id, before: bl, after: al });
  }
  return {
    base: baseName,
    criteria,
    added: subtractFindings(head.findings, base.findings),
    removed: subtractFindings(base.findings, head.findings),
    coverage: { before: coverageCount(base.coverage), after: coverageCount(head.coverage) },
  };
}

function where(f: LocatedFinding): string {
  const p = f.path === '' ? '(repository)' : f.path;
  return f.range ? `${p}:${f.range.start.line + 1}:${f.range.start.character + 1}` : p;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countsText(findings: readonly LocatedFinding[]): string {
  const n = countFindings(findings);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((k) => n[k] > 0).map((k) => plural(n[k], k));
  return parts.length ? parts.join(', ') : 'none';
}

export function diffText(d: RunDiff): string {
  const out: string[] = [`Compared with ${printable(d.base)}: coverage ${d.coverage.before} → ${d.coverage.after}.`, ''];
  if (d.criteria.length) {
    out.push(`Criteria whose state changed (${d.criteria.length}):`);
    for (const c of d.criteria) out.push(`  ${c.id}  ${c.before} → ${c.after}  ${printable(c.title)}`);
    out.push('');
  } else out.push('No criterion changed state.', '');
  out.push(`Findings added (${d.added.length}: ${countsText(d.added)}):`);
  for (const f of d.added) out.push(`  ${printable(where(f))}  ${f.severity}  ${printable(f.message)}  ${f.code}`);
  out.push('', `Findings removed (${d.removed.length}):`);
  for (const f of d.removed) out.push(`  ${printable(where(f))}  ${f.severity}  ${printable(f.message)}  ${f.code}`);
  return `${out.join('\n')}\n`;
}

/** Text as a code span, which Markdown shows as it is; a backtick in it (a file name may hold one) cannot end the span early. */
function mdCode(text: string): string {
  return `\`${visibleBidi(text.replace(/`/g, "'").replace(/\r\n?|\n/g, ' '))}\``;
}

const ICON: Readonly<Record<string, string>> = { error: '❌', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/** A pull-request comment: a summary line, the criteria that moved, then the findings added and removed. */
export function diffMarkdown(d: RunDiff): string {
  const errors = countFindings(d.added).error;
  const verdict = errors > 0 ? `❌ ${plural(errors, 'new error')}` : d.added.length > 0 ? `⚠️ ${plural(d.added.length, 'new finding')}, no new error` : '✅ no new finding';
  const out: string[] = [
    '<!-- compliance-docs diff -->',
    `### compliance-docs: ${verdict}`,
    '',
    `Compared with \`${d.base.replace(/`/g, '')}\`: SOC 2 coverage ${d.coverage.before} → ${d.coverage.after}; ${plural(d.added.length, 'finding')} added, ${d.removed.length} removed.`,
    '',
  ];
  if (d.criteria.length) {
    out.push('| Criterion | Before | After |', '|---|---|---|');
    for (const c of d.criteria) out.push(`| ${mdEscape(c.id)} ${mdEscape(c.title)} | ${mdEscape(c.before)} | ${mdEscape(c.after)} |`);
    out.push('');
  }
  const list = (title: string, findings: readonly LocatedFinding[]): void => {
    if (!findings.length) return;
    out.push(`<details${title.startsWith('Added') ? ' open' : ''}><summary>${title} (${findings.length})</summary>`, '');
    for (const f of findings) out.push(`- ${ICON[f.severity] ?? ''} \`${f.code}\` ${mdCode(where(f))}: ${mdEscape(f.message)}`);
    out.push('', '</details>', '');
  };
  list('Added findings', d.added);
  list('Removed findings', d.removed);
  return `${out.join('\n')}\n`;
}
