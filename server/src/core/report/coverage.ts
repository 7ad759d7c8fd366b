// Writers for `coverage` and for the editor's report export: text, JSON, Markdown, CSV and a
// self-contained HTML page, all but text written from the auditor's matrix (./matrix, ./tables).

import { getCategory, getSeries } from '../catalog/catalog';
import type { CoverageReport, CoverageState, CoverageSummary, CriterionCoverage } from '../coverage/coverage';
import { COVERAGE_STATES, coverageFraction, stateLabel as labelOf, SUMMARY_KEY } from '../coverage/states';
import { STATE_LEGEND, type AuditMatrix, type MatrixCriterion, type MatrixState } from './matrix';
import { calendarTable, dateSourceText, existsText, MATRIX_TABLES, matrixTable, notCountedTable, riskTable, stateLabel, legendTable, type MatrixTable } from './tables';
import { scoreBand, type HeatMap } from './risks';
import { printable, visibleBidi } from './findings';

/** Each state's words, from the one legend. */
export const STATE_LABEL: Readonly<Record<CoverageState, string>> = Object.fromEntries(COVERAGE_STATES.map((st) => [st, labelOf(st)])) as Record<CoverageState, string>;

export interface ReportMeta {
  readonly title?: string;
  readonly today: string;
  readonly auditType?: string;
  readonly period?: { readonly start: string; readonly end: string };
}

/** States the summary always names; the others (exception, claimed (stale)) only when some criterion has them. */
const ALWAYS_COUNTED: ReadonlySet<CoverageState> = new Set(['stale', 'claimed', 'uncovered', 'not-applicable']);

export function summaryLine(s: CoverageSummary): string {
  // The gaps in the legend's order, then what is scoped out.
  const order = [...COVERAGE_STATES.filter((st) => st !== 'covered' && st !== 'not-applicable'), 'not-applicable' as const];
  const counts = order.filter((st) => ALWAYS_COUNTED.has(st) || s[SUMMARY_KEY[st]] > 0).map((st) => `${s[SUMMARY_KEY[st]]} ${labelOf(st)}`);
  return `${coverageFraction(s)} covered · ${counts.join(' · ')} (${s.inScope} in scope)`;
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

const TEXT_MARK: Readonly<Record<CoverageState, string>> = { covered: '✔', stale: '◐', exception: '!', claimed: '○', 'claimed-stale': '◌', uncovered: '✖', 'not-applicable': '–' };

export function coverageText(report: CoverageReport, options: { color?: boolean } = {}): string {
  const color: Readonly<Record<CoverageState, string>> = options.color
    ? { covered: '\u001b[32m', stale: '\u001b[33m', exception: '\u001b[35m', claimed: '\u001b[36m', 'claimed-stale': '\u001b[34m', uncovered: '\u001b[31m', 'not-applicable': '\u001b[90m' }
    : { covered: '', stale: '', exception: '', claimed: '', 'claimed-stale': '', uncovered: '', 'not-applicable': '' };
  const reset = options.color ? '\u001b[0m' : '';
  const out: string[] = [];
  for (const [series, list] of bySeries(report)) {
    // Covered out of in scope and not scoped out, as everywhere else.
    const covered = list.filter((c) => c.state === 'covered').length;
    const applicable = list.filter((c) => c.state !== 'not-applicable').length;
    out.push(`${series} ${getSeries(series)?.title ?? ''} · ${covered}/${applicable}`);
    for (const c of list) {
      const docs = c.documents.length ? `  ${printable(c.documents.map((d) => d.id).join(', '))}` : '';
      out.push(`  ${color[c.state]}${TEXT_MARK[c.state]} ${c.id.padEnd(6)} ${labelOf(c.state).padEnd(15)}${reset} ${c.title}${docs}`);
    }
  }
  out.push('', `Coverage: ${summaryLine(report.summary)}`);
  return `${out.join('\n')}\n`;
}

/**
 * Repository text as inert Markdown inside a table cell: every ASCII punctuation character
 * backslash-escaped (so no link, image, emphasis, code or raw HTML forms, and `|` ends no cell), line
 * breaks flattened, and bidirectional controls shown as what they are.
 */
export function mdEscape(text: string): string {
  return visibleBidi(text.replace(/[!-/:-@[-`{-~]/g, '\\$&').replace(/\r\n?|\n/g, ' '));
}

/** Letters, digits, spaces, `.`, `-` and `/` form no Markdown inside a table cell (a `www.` would autolink): such text (dates, ids, paths, states) is written as it is. */
const PLAIN_CELL = /^[A-Za-z0-9 ./-]*$/;

function mdCell(text: string): string {
  return PLAIN_CELL.test(text) && !/www\./i.test(text) ? text : mdEscape(text);
}

/** A link target: a path percent-encoded, `(`, `)`, `#` and `?` included, so it stays one path. */
function mdLinkTarget(path: string): string {
  return encodeURI(path).replace(/[()#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}


function heading(m: AuditMatrix): string {
  return `As of ${m.today} · ${m.auditType === 'type2' ? 'Type II' : 'Type I'}${m.period ? ` · observation period ${m.period.start} to ${m.period.end}` : ''}`;
}

/** The tables that have rows for this repository (no calendar in a Type I audit). */
export function tablesOf(m: AuditMatrix, tables: readonly MatrixTable[] = MATRIX_TABLES): Array<{ table: MatrixTable; rows: string[][] }> {
  return tables.map((table) => ({ table, rows: table.rows(m) })).filter((t) => t.rows.length > 0 || t.table === matrixTable);
}

/** The matrix as JSON: the model itself, every table's facts with their types (dates as YYYY-MM-DD). */
export function coverageJson(m: AuditMatrix): string {
  return `${JSON.stringify(
    {
      summary: m.summary,
      today: m.today,
      auditType: m.auditType,
      ...(m.period ? { period: m.period } : {}),
      legend: m.legend,
      criteria: m.criteria,
      calendar: m.calendar,
      notCounted: m.notCounted,
      ...(m.vendors && m.vendors.length > 0 ? { vendors: m.vendors } : {}),
      ...(m.risks ? { risks: m.risks } : {}),
    },
    null,
    2,
  )}\n`;
}

/** Each table under its heading, with the same columns as its CSV; the file column links the file. */
export function coverageMarkdown(m: AuditMatrix, meta: ReportMeta): string {
  const out: string[] = [`# ${meta.title === undefined ? 'SOC 2 traceability matrix' : mdEscape(meta.title)}`, '', heading(m), '', `**${summaryLine(m.summary)}**`, ''];
  for (const { table, rows } of tablesOf(m)) {
    out.push(`## ${table.title}`, '', `| ${table.columns.join(' | ')} |`, `|${table.columns.map(() => '---').join('|')}|`);
    const file = table.columns.indexOf('File');
    for (const row of rows) out.push(`| ${row.map((cell, i) => (i === file && cell ? `[${mdCell(cell)}](${mdLinkTarget(cell)})` : mdCell(cell))).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

function csvField(raw: string): string {
  const text = visibleBidi(raw);
  // A cell that starts like a formula runs when a spreadsheet opens the file; a leading ' keeps it text.
  const cell = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One table as RFC 4180 CSV; the default is the matrix itself, one row per evidence item. */
export function coverageCsv(m: AuditMatrix, table: MatrixTable = matrixTable): string {
  const rows = [[...table.columns], ...table.rows(m)];
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** HTML text and attribute values: markup escaped, bidirectional controls shown as `<U+202E>`. */
function esc(text: string): string {
  return visibleBidi(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One colour per state: chips, the bar and the legend all read this table. */
export const STATE_COLORS: Readonly<Record<MatrixState, string>> = {
  'not-applicable': '#6e7781',
  covered: '#1a7f37',
  stale: '#9a6700',
  exception: '#bc4c00',
  claimed: '#0969da',
  'claimed-stale': '#6639ba',
  uncovered: '#cf222e',
};

function chip(state: MatrixState): string {
  return `<span class="chip" data-state="${state}" style="background:${STATE_COLORS[state]}">${esc(stateLabel(state))}</span>`;
}

function countOf(m: AuditMatrix, state: MatrixState): number {
  return m.criteria.filter((c) => c.state === state).length;
}

/** A path as an href relative to the repository root, so the page links the files when saved there. */
function hrefOf(path: string): string {
  return esc(mdLinkTarget(path));
}

function criterionRows(c: MatrixCriterion): string {
  const span = Math.max(1, c.documents.length);
  const head = `<th class="crit" rowspan="${span}" scope="rowgroup"><span class="id">${esc(c.id)}</span> ${esc(c.title)}<br>${chip(c.state)}<div class="why">${esc(c.reason)}</div></th>`;
  if (c.documents.length === 0) return `<tr data-criterion="${esc(c.id)}">${head}<td colspan="4" class="none">no approved document maps it</td></tr>`;
  return c.documents
    .map((d, i) => {
      const evidence = d.evidence.length
        ? `<ul class="ev">${d.evidence
            .map(
              (e) =>
                `<li data-exists="${e.exists}"><span class="target">${esc(e.target)}</span><br><span class="muted">${e.date ? `${esc(e.date)} (${esc(dateSourceText(e))})` : 'undated'} · exists: ${esc(existsText(e))}${e.slot ? ` · slot: ${esc(e.slot)}` : ''}</span></li>`,
            )
            .join('')}</ul>`
        : '<span class="muted">none</span>';
      const review = `${d.lastReviewed ? esc(d.lastReviewed) : '<span class="muted">never</span>'}<br><span class="muted">next ${d.nextDue ? esc(d.nextDue) : '—'}</span>`;
      const doc = `<a href="${hrefOf(d.path)}">${esc(d.id)}</a> ${esc(d.title)}<br><span class="muted">${esc(d.type)}${d.owner ? ` · owner ${esc(d.owner)}` : ''}</span>`;
      return `<tr data-criterion="${esc(c.id)}" data-document="${esc(d.id)}">${i === 0 ? head : ''}<td class="doc">${doc}</td><td>${chip(d.state)}<div class="why">${esc(d.reason)}</div></td><td class="date">${review}</td><td>${evidence}</td></tr>`;
    })
    .join('\n');
}

function matrixHtml(m: AuditMatrix): string {
  const rows: string[] = [];
  for (const cat of new Set(m.criteria.map((c) => c.category))) {
    rows.push(`<tr class="cat"><th colspan="5">${esc(getCategory(cat).title)}</th></tr>`);
    for (const c of m.criteria.filter((x) => x.category === cat)) rows.push(criterionRows(c));
  }
  return `<table class="matrix" id="matrix"><colgroup><col class="c1"><col class="c2"><col class="c3"><col class="c4"><col class="c5"></colgroup><thead><tr><th>Criterion and state</th><th>Document</th><th>Document state and why</th><th>Last review</th><th>Evidence: date, exists, period slot</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

const SLOT_MARK: Readonly<Record<string, string>> = { filled: '●', missing: '✖', 'not yet due': '' };

function calendarHtml(m: AuditMatrix): string {
  const rows = m.calendar.map((c) => {
    const cells = c.slots
      .map((s) => `<td class="slot ${s.status === 'not yet due' ? 'open' : s.status}" data-status="${s.status}" title="${esc(`${s.label} (${s.start} to ${s.end}): ${s.status}${s.evidence.length ? `: ${s.evidence.join(', ')}` : ''}`)}"><span class="lbl">${esc(s.label)}</span><span class="mk">${SLOT_MARK[s.status]}</span></td>`)
      .join('');
    return `<tr data-control="${esc(c.id)}"><th><a href="${hrefOf(c.path)}">${esc(c.id)}</a> <span class="muted">${esc(c.frequency)}</span></th><td><table class="slots"><tr>${cells}</tr></table></td></tr>`;
  });
  return `<table class="calendar" id="calendar"><thead><tr><th>Control</th><th>Period slots: filled, missing, not yet due</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

function plainTableHtml(table: MatrixTable, rows: string[][]): string {
  const file = table.columns.indexOf('File');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td>${i === file && cell ? `<a href="${hrefOf(cell)}">${esc(cell)}</a>` : esc(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="plain" id="${esc(table.key)}"><thead><tr>${table.columns.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${body}
</tbody></table>`;
}

/** Heat-map colours by band of the score (likelihood × impact) against the tolerance. */
export const BAND_COLORS: Readonly<Record<ReturnType<typeof scoreBand>, string>> = { low: '#dafbe1', medium: '#fff8c5', high: '#ffd8b5', above: '#ffcecb' };

/** A likelihood × impact grid, highest likelihood on top; each cell the number of approved risks scored there. */
export function heatMapHtml(h: HeatMap, tolerance: number): string {
  const title = h.kind === 'inherent' ? 'Inherent risk' : 'Residual risk';
  const rows: string[] = [];
  for (let l = h.scale; l >= 1; l--) {
    const cells = h.cells[l - 1]
      .map((c) => {
        const score = c.likelihood * c.impact;
        const band = scoreBand(score, tolerance);
        const n = c.risks.length;
        const tip = `likelihood ${c.likelihood} × impact ${c.impact} = ${score}${band === 'above' ? ', above tolerance' : ''}: ${n === 0 ? 'no risks' : c.risks.join(', ')}`;
        return `<td class="cell ${band}${n ? ' has' : ''}" data-likelihood="${c.likelihood}" data-impact="${c.impact}" data-count="${n}" data-risks="${esc(c.risks.join(' '))}" style="background:${BAND_COLORS[band]}" title="${esc(tip)}">${n || ''}</td>`;
      })
      .join('');
    rows.push(`<tr><th scope="row">${l}</th>${cells}</tr>`);
  }
  const impacts = Array.from({ length: h.scale }, (_v, i) => `<th scope="col">${i + 1}</th>`).join('');
  return `<figure class="heat" data-kind="${h.kind}"><figcaption>${title}</figcaption><table class="heat"><tbody>
${rows.join('\n')}
<tr><th></th>${impacts}</tr></tbody></table><div class="axes muted">rows: likelihood · columns: impact</div></figure>`;
}

function riskRegisterHtml(m: AuditMatrix): string {
  const reg = m.risks;
  if (!reg) return '';
  const maps = `<div class="heats">${heatMapHtml(reg.inherent, reg.tolerance)}${heatMapHtml(reg.residual, reg.tolerance)}</div><p class="muted">Each cell counts the approved risks scored there (likelihood × impact, scale 1 to ${reg.scale}); red cells are above the tolerance of ${reg.tolerance}.</p>`;
  return `${maps}${plainTableHtml(riskTable, riskTable.rows(m))}`;
}

/** Tables the page draws in their own way; every other table is drawn as rows. */
const HTML_DRAWING: ReadonlyMap<MatrixTable, (m: AuditMatrix) => string> = new Map([
  [matrixTable, matrixHtml],
  [calendarTable, calendarHtml],
  [riskTable, riskRegisterHtml],
]);

/** One page, no external resources, printable on A4 and Letter: summary, legend, matrix, calendar, the documents that count for nothing. */
export function coverageHtml(m: AuditMatrix, meta: ReportMeta): string {
  const s = m.summary;
  const present = STATE_LEGEND.filter((l) => countOf(m, l.state) > 0);
  const bar = present.map((l) => `<div class="seg" style="flex:${countOf(m, l.state)};background:${STATE_COLORS[l.state]}" title="${esc(l.label)}: ${countOf(m, l.state)}">${countOf(m, l.state)}</div>`).join('');
  const legend = m.legend.map((l) => `<li data-state="${l.state}">${chip(l.state)} <strong>${countOf(m, l.state)}</strong> ${esc(l.meaning)}</li>`).join('');
  const sections = tablesOf(m)
    .filter(({ table }) => table !== legendTable)
    .map(({ table, rows }) => {
      const draw = HTML_DRAWING.get(table);
      const intro = table === notCountedTable ? '<p class="muted">Drafts, retired documents, documents whose frontmatter does not parse and documents that map only unknown IDs earn no criterion anything.</p>' : '';
      return `<section class="${esc(table.key)}"><h2>${esc(table.title)}</h2>${intro}${draw ? draw(m) : plainTableHtml(table, rows)}</section>`;
    })
    .join('\n');
  const title = esc(meta.title ?? 'SOC 2 traceability matrix');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>
*{box-sizing:border-box}
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}.meta,.muted{color:#57606a}
.bar{display:flex;height:20px;border-radius:4px;overflow:hidden;margin:8px 0;max-width:720px}
.seg{color:#fff;font-size:11px;text-align:center;line-height:20px;min-width:18px}
.chip{display:inline-block;color:#fff;border-radius:9px;padding:0 7px;font-size:11px;white-space:nowrap}
ul.legend{list-style:none;padding:0;margin:6px 0}ul.legend li{margin:2px 0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:break-word}table.matrix td,table.matrix th{overflow-wrap:anywhere}
thead th{background:#f6f8fa}tr.cat th{background:#eaeef2;font-size:14px}
table.matrix{table-layout:fixed}col.c1{width:20%}col.c2{width:20%}col.c3{width:23%}col.c4{width:12%}col.c5{width:25%}
th.crit{font-weight:normal}.id{font-weight:600}.why{font-size:11px;color:#57606a;margin-top:2px}
ul.ev{margin:0;padding-left:14px}ul.ev li{margin-bottom:2px}li[data-exists="missing"] .target{color:#cf222e;text-decoration:line-through}
td.none{color:#cf222e}td.date{overflow-wrap:normal}
table.calendar>tbody>tr>th{width:22%;font-weight:normal}table.slots{width:auto;border-collapse:separate;border-spacing:2px}
table.slots td{border:1px solid #8c959f;width:58px;min-width:40px;padding:1px 2px;text-align:center;font-size:10px;line-height:1.2}
td.slot .lbl{display:block}td.slot .mk{display:block;font-size:12px;min-height:14px}
td.slot.filled{background:#1a7f37;color:#fff;border-color:#1a7f37}td.slot.missing{background:#fff;color:#cf222e;border:2px solid #cf222e}
td.slot.open{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#eaeef2 3px,#eaeef2 6px);color:#57606a}
div.heats{display:flex;gap:24px;flex-wrap:wrap}figure.heat{margin:0}figure.heat figcaption{font-weight:600;margin-bottom:4px}
table.heat{width:auto;border-collapse:separate;border-spacing:2px}table.heat th{border:0;background:none;font-weight:normal;color:#57606a;text-align:center;padding:0 4px}
table.heat td.cell{width:34px;height:30px;text-align:center;vertical-align:middle;font-weight:600;border:1px solid #d0d7de}table.heat td.cell.above{border-color:#cf222e}
.axes{font-size:11px}table.plain#risks{font-size:11px}
a{color:#0969da}
@page{margin:12mm}
@media print{
body{margin:0;font-size:9.5pt}h2{break-after:avoid}.why{font-size:8pt}
thead{display:table-header-group}tr{break-inside:avoid}section{break-before:auto}
.chip,.seg,td.slot,td.cell,thead th,tr.cat th{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a{color:inherit;text-decoration:none}
}
</style></head><body>
<h1>${title}</h1>
<div class="meta">${esc(heading(m))} · ${s.inScope} criteria in scope</div>
<div class="summary"><strong>${esc(summaryLine(s))}</strong></div>
<div class="bar">${bar}</div>
<section class="legend"><h2>Legend</h2><ul class="legend">${legend}</ul>${m.calendar.length ? '<p class="muted">Period slots: <strong>●</strong> filled (an existing, dated record in the slot) · <strong>✖</strong> missing (the slot has ended with no record: an exception) · hatched: not yet due.</p>' : ''}</section>
${sections}
</body></html>
`;
}
