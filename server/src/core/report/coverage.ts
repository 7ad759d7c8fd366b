// Writers for `coverage` and for the editor's report export: text, JSON, Markdown, CSV and a
// self-contained HTML page (the traceability matrix auditors ask for).

import { getCategory, getSeries, type Category } from '../catalog/catalog';
import { stateLabelOf, type CoverageReport, type CoverageState, type CriterionCoverage } from '../coverage/coverage';
import { printable, visibleBidi } from './findings';

export const STATE_LABEL: Readonly<Record<CoverageState, string>> = {
  covered: 'covered',
  stale: 'stale',
  claimed: 'claimed',
  uncovered: 'uncovered',
  'not-applicable': 'not applicable',
};

export interface ReportMeta {
  readonly title?: string;
  readonly today: string;
  readonly auditType?: string;
  readonly period?: { readonly start: string; readonly end: string };
}

/** The stable machine-readable shape: summary, then per criterion id, title, category, state and documents. */
export function coverageJson(report: CoverageReport): string {
  return `${JSON.stringify(
    {
      summary: report.summary,
      criteria: report.criteria.map((c) => ({
        id: c.id,
        title: c.title,
        category: c.category,
        state: c.state,
        ...(c.reviewOverdue ? { reviewOverdue: true } : {}),
        documents: c.documents.map((d) => ({ id: d.id, path: d.path, type: d.type })),
      })),
    },
    null,
    2,
  )}\n`;
}

function summaryLine(report: CoverageReport): string {
  const s = report.summary;
  return `${s.covered}/${s.inScope - s.notApplicable} covered · ${s.stale} stale · ${s.claimed} claimed · ${s.uncovered} uncovered · ${s.notApplicable} not applicable (${s.inScope} in scope)`;
}

function bySeries(report: CoverageReport): Map<string, CriterionCoverage[]> {
  const m = new Map<string, CriterionCoverage[]>();
  for (const c of report.criteria) {
    const list = m.get(c.series);
    if (list) list.push(c);
    else m.set(c.series, [c]);
  }
  return m;
}

const TEXT_MARK: Readonly<Record<CoverageState, string>> = { covered: '✔', stale: '◐', claimed: '○', uncovered: '✖', 'not-applicable': '–' };

export function coverageText(report: CoverageReport, options: { color?: boolean } = {}): string {
  const color: Readonly<Record<CoverageState, string>> = options.color
    ? { covered: '\u001b[32m', stale: '\u001b[33m', claimed: '\u001b[36m', uncovered: '\u001b[31m', 'not-applicable': '\u001b[90m' }
    : { covered: '', stale: '', claimed: '', uncovered: '', 'not-applicable': '' };
  const reset = options.color ? '\u001b[0m' : '';
  const out: string[] = [];
  for (const [series, list] of bySeries(report)) {
    const ok = list.filter((c) => c.state === 'covered' || c.state === 'not-applicable').length;
    out.push(`${series} ${getSeries(series)?.title ?? ''} · ${ok}/${list.length}`);
    for (const c of list) {
      const docs = c.documents.length ? `  ${printable(c.documents.map((d) => d.id).join(', '))}` : '';
      out.push(`  ${color[c.state]}${TEXT_MARK[c.state]} ${c.id.padEnd(6)} ${stateLabelOf(c).padEnd(15)}${reset} ${c.title}${docs}`);
    }
  }
  out.push('', `Coverage: ${summaryLine(report)}`);
  return `${out.join('\n')}\n`;
}

/**
 * Repository text as inert Markdown inside a table cell: every ASCII punctuation character
 * backslash-escaped (so no link, image, emphasis, code or raw HTML forms, and `|` ends no cell), line
 * breaks flattened, and bidirectional controls shown as what they are.
 */
function mdEscape(text: string): string {
  return visibleBidi(text.replace(/[!-/:-@[-`{-~]/g, '\\$&').replace(/\r\n?|\n/g, ' '));
}

/** A link target: a path percent-encoded, `(`, `)`, `#` and `?` included, so it stays one path. */
function mdLinkTarget(path: string): string {
  return encodeURI(path).replace(/[()#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function coverageMarkdown(report: CoverageReport, meta: ReportMeta): string {
  const out: string[] = [`# ${meta.title === undefined ? 'SOC 2 traceability matrix' : mdEscape(meta.title)}`, '', `As of ${meta.today}${meta.auditType ? ` · ${meta.auditType === 'type2' ? 'Type II' : 'Type I'}` : ''}${meta.period ? ` · period ${meta.period.start} to ${meta.period.end}` : ''}`, '', `**${summaryLine(report)}**`, ''];
  out.push('| Criterion | Title | Category | State | Documents |', '|---|---|---|---|---|');
  for (const c of report.criteria) {
    const docs = c.documents.map((d) => `[${mdEscape(d.id)}](${mdLinkTarget(d.path)}) (${d.type})`).join(', ') || (c.justification ? `N/A: ${mdEscape(c.justification)}` : '—');
    // The criterion's id and title are the catalog's; only the documents and justification are the repository's.
    out.push(`| ${c.id} | ${c.title} | ${getCategory(c.category).title} | ${stateLabelOf(c)} | ${docs} |`);
  }
  return `${out.join('\n')}\n`;
}

function csvField(raw: string): string {
  const text = visibleBidi(raw);
  // A cell that starts like a formula runs when a spreadsheet opens the file; a leading ' keeps it text.
  const cell = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function coverageCsv(report: CoverageReport): string {
  const rows = [['criterion', 'title', 'series', 'category', 'state', 'document_ids', 'document_paths', 'justification']];
  for (const c of report.criteria) {
    rows.push([c.id, c.title, c.series, c.category, c.reviewOverdue ? 'claimed (stale)' : c.state, c.documents.map((d) => d.id).join('; '), c.documents.map((d) => d.path).join('; '), c.justification ?? '']);
  }
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** HTML text and attribute values: markup escaped, bidirectional controls shown as `<U+202E>`. */
function esc(text: string): string {
  return visibleBidi(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export const STATE_COLORS: Readonly<Record<CoverageState, string>> = {
  covered: '#2e7d32',
  stale: '#b26a00',
  claimed: '#1565c0',
  uncovered: '#c62828',
  'not-applicable': '#757575',
};

/** One page, no external resources: summary, a bar of states, and the criteria × documents matrix. */
export function coverageHtml(report: CoverageReport, meta: ReportMeta): string {
  const s = report.summary;
  const docs = new Map<string, { id: string; path: string; type: string }>();
  for (const c of report.criteria) for (const d of c.documents) docs.set(d.path, d);
  const columns = [...docs.values()].sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
  const states: CoverageState[] = ['covered', 'stale', 'claimed', 'uncovered', 'not-applicable'];
  const count: Record<CoverageState, number> = { covered: s.covered, stale: s.stale, claimed: s.claimed, uncovered: s.uncovered, 'not-applicable': s.notApplicable };
  const bar = states
    .filter((st) => count[st] > 0)
    .map((st) => `<div class="seg" style="flex:${count[st]};background:${STATE_COLORS[st]}" title="${STATE_LABEL[st]}: ${count[st]}">${count[st]}</div>`)
    .join('');
  const legend = states.map((st) => `<span class="chip" style="background:${STATE_COLORS[st]}">${esc(STATE_LABEL[st])} ${count[st]}</span>`).join(' ');
  const head = columns.map((d) => `<th class="doc" title="${esc(d.path)}"><div>${esc(d.id)}</div></th>`).join('');
  const categories = new Set<Category>(report.criteria.map((c) => c.category));
  const rows: string[] = [];
  for (const cat of categories) {
    rows.push(`<tr class="cat"><th colspan="${3 + columns.length}">${esc(getCategory(cat).title)}</th></tr>`);
    for (const c of report.criteria.filter((x) => x.category === cat)) {
      const mapped = new Map(c.documents.map((d) => [d.path, d.state]));
      const cells = columns
        .map((d) => {
          const st = mapped.get(d.path);
          return st ? `<td class="hit" style="background:${STATE_COLORS[st]}" title="${esc(d.id)}: ${STATE_LABEL[st]}">●</td>` : '<td></td>';
        })
        .join('');
      const note = c.justification ? ` title="${esc(c.justification)}"` : '';
      rows.push(`<tr><th class="id">${esc(c.id)}</th><td class="title">${esc(c.title)}</td><td class="state"${note}><span class="chip" style="background:${STATE_COLORS[c.state]}">${esc(stateLabelOf(c))}</span></td>${cells}</tr>`);
    }
  }
  const title = esc(meta.title ?? 'SOC 2 traceability matrix');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}.meta{color:#57606a;margin-bottom:12px}
.bar{display:flex;height:22px;border-radius:4px;overflow:hidden;margin:8px 0;max-width:720px}
.seg{color:#fff;font-size:12px;text-align:center;line-height:22px;min-width:18px}
.chip{display:inline-block;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap}
table{border-collapse:collapse;margin-top:16px}th,td{border:1px solid #d0d7de;padding:2px 6px}
th.doc{height:120px;vertical-align:bottom;padding:4px 2px}th.doc div{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:normal}
td.hit{color:#fff;text-align:center;font-size:10px}tr.cat th{text-align:left;background:#f6f8fa}th.id{text-align:left;white-space:nowrap}
td.title{max-width:280px}
@media print{.bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}td.hit,.chip{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
</style></head><body>
<h1>${title}</h1>
<div class="meta">As of ${esc(meta.today)}${meta.auditType ? ` · ${meta.auditType === 'type2' ? 'Type II' : 'Type I'}` : ''}${meta.period ? ` · observation period ${esc(meta.period.start)} to ${esc(meta.period.end)}` : ''} · ${s.inScope} criteria in scope</div>
<div class="summary"><strong>${esc(summaryLine(report))}</strong></div>
<div class="bar">${bar}</div>
<div>${legend}</div>
<table><thead><tr><th>Criterion</th><th>Title</th><th>State</th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
