// The coverage report: a chart of states and the traceability matrix, in a webview that follows the
// colour theme (VS Code's CSS variables) and runs only our own nonce'd script.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CalendarSlotNode, CoverageStateName, FolderCoverage, RiskRegisterNode } from '../../../server/src/protocol';
import type { CoverageStore, Snapshot } from '../store';
import { applicable } from '../store';
import { STATE_ORDER, STATES } from './states';
import { SUMMARY_KEY } from '../../../server/src/core/coverage/states';

const VIEW_TYPE = 'complianceDocs.report';

/** Messages the page sends. */
type PageMessage = { readonly type: 'open'; readonly uri: string; readonly line: number } | { readonly type: 'export' };

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: CoverageStore,
    private readonly icon: vscode.Uri,
    private readonly exportReport: () => unknown,
  ) {
    this.subscription = store.onDidChange((snapshot) => this.render(snapshot));
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** The page the panel shows, while it is open. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'SOC 2 Coverage', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    this.panel.iconPath = this.icon;
    this.panel.onDidDispose(() => (this.panel = undefined));
    this.panel.webview.onDidReceiveMessage((m: PageMessage) => this.onMessage(m));
    this.render(this.store.snapshot);
  }

  private render(snapshot: Snapshot | undefined): void {
    if (!this.panel) return;
    const nonce = randomBytes(16).toString('base64');
    this.panel.webview.html = reportHtml(snapshot, { cspSource: this.panel.webview.cspSource, nonce });
  }

  private onMessage(message: PageMessage): void {
    if (message.type === 'export') {
      void this.exportReport();
      return;
    }
    // Only documents the report itself lists may be opened from the page.
    const known = this.store.snapshot?.coverage.folders.some(
      (f) =>
        f.categories.some((c) => c.series.some((s) => s.criteria.some((k) => k.documents.some((d) => d.uri === message.uri)))) ||
        (f.calendar ?? []).some((c) => c.uri === message.uri) ||
        (f.vendors ?? []).some((g) => g.vendors.some((v) => v.uri === message.uri)) ||
        (f.risks?.risks ?? []).some((r) => r.uri === message.uri),
    );
    if (!known) return;
    const line = Number.isInteger(message.line) && message.line >= 0 ? message.line : 0;
    void vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The theme colour of each state (the tree's), as a CSS variable. */
function cssColor(state: CoverageStateName): string {
  return `var(--vscode-${STATES[state].color.replace(/\./g, '-')})`;
}

function countsOf(folder: FolderCoverage): Record<CoverageStateName, number> {
  const s = folder.summary;
  return Object.fromEntries(STATE_ORDER.map((st) => [st, s[SUMMARY_KEY[st]]])) as Record<CoverageStateName, number>;
}

/** One horizontal bar split by state, with a legend; widths in percent of the criteria in scope. */
function chart(folder: FolderCoverage): string {
  const counts = countsOf(folder);
  const total = Math.max(1, folder.summary.inScope);
  let x = 0;
  const bars = STATE_ORDER.filter((s) => counts[s] > 0).map((s) => {
    const width = (counts[s] / total) * 100;
    const rect = `<rect class="s-${s}" x="${x.toFixed(3)}%" y="0" width="${width.toFixed(3)}%" height="100%"><title>${STATES[s].label}: ${counts[s]}</title></rect>`;
    x += width;
    return rect;
  });
  const legend = STATE_ORDER.map((s) => `<li title="${esc(STATES[s].meaning)}" data-state="${s}"><span class="swatch s-${s}"></span>${esc(STATES[s].label)} <b>${counts[s]}</b></li>`).join('');
  return `<svg class="chart" role="img" aria-label="Criteria by coverage state" width="100%" height="22">${bars.join('')}</svg><ul class="legend">${legend}</ul>`;
}

function matrix(folder: FolderCoverage): string {
  const rows: string[] = [];
  for (const category of folder.categories) {
    rows.push(`<tr class="category"><th colspan="4">${esc(category.title)}</th></tr>`);
    for (const series of category.series) {
      rows.push(`<tr class="series"><th colspan="4">${esc(series.id)} ${esc(series.title)} <span class="muted">${series.covered}/${series.applicable}</span></th></tr>`);
      for (const c of series.criteria) {
        const docs = c.documents.map((d) => `<a href="#" data-uri="${esc(d.uri)}" data-line="${d.line}" title="${esc(d.title)}">${esc(d.id)}</a>`).join(', ');
        const detail = c.state === 'not-applicable' && c.justification ? `<span class="muted">${esc(c.justification)}</span>` : docs || '<span class="muted">none</span>';
        rows.push(`<tr data-criterion="${esc(c.id)}" data-state="${c.state}"><td class="id">${esc(c.id)}</td><td>${esc(c.title)}</td><td class="state" title="${esc(c.reason)}"><span class="swatch s-${c.state}"></span>${esc(STATES[c.state].label)}</td><td>${detail}</td></tr>`);
      }
    }
  }
  return `<table><thead><tr><th>Criterion</th><th>Title</th><th>State</th><th>Documents</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const SLOT_MARK: Readonly<Record<CalendarSlotNode['status'], string>> = { filled: '●', missing: '✖', 'not yet due': '' };
const SLOT_CLASS: Readonly<Record<CalendarSlotNode['status'], string>> = { filled: 'filled', missing: 'missing', 'not yet due': 'open' };

/** Type II: each approved control's row of period slots, filled, missing (ended with no record) or not yet due. */
export function calendar(folder: FolderCoverage): string {
  const controls = folder.calendar ?? [];
  if (controls.length === 0 || !folder.period) return '';
  const rows = controls.map((c) => {
    const cells = c.slots
      .map((s) => {
        const tip = `${s.label} (${s.start} to ${s.end}): ${s.status}${s.evidence.length ? `: ${s.evidence.join(', ')}` : ''}`;
        return `<td class="slot ${SLOT_CLASS[s.status]}" data-status="${esc(s.status)}" title="${esc(tip)}"><span class="lbl">${esc(s.label)}</span><span class="mk">${SLOT_MARK[s.status]}</span></td>`;
      })
      .join('');
    return `<tr data-control="${esc(c.id)}"><td class="id"><a href="#" data-uri="${esc(c.uri)}" data-line="${c.line}" title="${esc(c.title)}">${esc(c.id)}</a> <span class="muted">${esc(c.frequency)}</span></td><td><table class="slots"><tr>${cells}</tr></table></td></tr>`;
  });
  const missing = controls.reduce((n, c) => n + c.slots.filter((s) => s.status === 'missing').length, 0);
  return `<h2>Type II period calendar</h2><p class="muted">Observation period ${esc(folder.period.start)} to ${esc(folder.period.end)}. ● a record in the slot · ✖ the slot has ended with no record (${missing} such slot${missing === 1 ? '' : 's'}) · dashed: not yet due.</p><table class="calendar"><thead><tr><th>Control</th><th>Period slots</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The vendor register: each vendor by criticality, its newest report and what its findings say. */
export function vendorRegister(folder: FolderCoverage): string {
  const groups = folder.vendors ?? [];
  if (groups.length === 0) return '';
  const rows = groups.flatMap((g) =>
    g.vendors.map((v) => {
      const findings = v.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `<span class="muted">${esc(f.severity)}</span> ${esc(f.code)}`);
      return `<tr data-vendor="${esc(v.id)}"><td class="id"><a href="#" data-uri="${esc(v.uri)}" data-line="${v.line}" title="${esc(v.title)}">${esc(v.id)}</a></td><td>${esc(v.title)}</td><td>${esc(g.criticality)}</td><td>${esc(v.report)}</td><td>${findings.join('<br>') || '<span class="muted">none</span>'}</td></tr>`;
    }),
  );
  return `<h2>Vendor register</h2><p class="muted">CC9.2 is at best stale while a critical or high vendor has a warning or an error.</p><table><thead><tr><th>Vendor</th><th>Title</th><th>Criticality</th><th>Newest report</th><th>Warnings and errors</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The colour band of a score: above tolerance red; below it green, yellow and orange by thirds of the tolerance. */
export function band(score: number, tolerance: number): 'low' | 'medium' | 'high' | 'above' {
  if (score > tolerance) return 'above';
  if (score > (tolerance * 2) / 3) return 'high';
  if (score > tolerance / 3) return 'medium';
  return 'low';
}

function heatGrid(reg: RiskRegisterNode, kind: 'inherent' | 'residual', folderIndex: number): string {
  const rows: string[] = [];
  for (let l = reg.scale; l >= 1; l--) {
    const cells: string[] = [];
    for (let i = 1; i <= reg.scale; i++) {
      const ids = reg[kind][l - 1]?.[i - 1] ?? [];
      const score = l * i;
      const b = band(score, reg.tolerance);
      const tip = `likelihood ${l} × impact ${i} = ${score}${b === 'above' ? ', above tolerance' : ''}: ${ids.length === 0 ? 'no risks' : ids.join(', ')}`;
      cells.push(`<td class="cell band-${b}${ids.length ? ' has' : ''}" data-kind="${kind}" data-likelihood="${l}" data-impact="${i}" data-count="${ids.length}" data-risks="${esc(ids.join(' '))}" data-folder="${folderIndex}" title="${esc(tip)}" tabindex="${ids.length ? 0 : -1}">${ids.length || ''}</td>`);
    }
    rows.push(`<tr><th scope="row">${l}</th>${cells.join('')}</tr>`);
  }
  const impacts = Array.from({ length: reg.scale }, (_v, i) => `<th scope="col">${i + 1}</th>`).join('');
  return `<figure class="heat" data-kind="${kind}"><figcaption>${kind === 'inherent' ? 'Inherent risk' : 'Residual risk'}</figcaption><table class="heat"><tbody>${rows.join('')}<tr><th></th>${impacts}</tr></tbody></table><div class="muted axes">rows: likelihood · columns: impact</div></figure>`;
}

/** The inherent and residual heat maps (each cell the number of approved risks scored there); clicking a cell lists its risks. */
export function heatMaps(folder: FolderCoverage, folderIndex = 0): string {
  const reg = folder.risks;
  if (!reg || reg.risks.length === 0) return '';
  const above = reg.risks.filter((r) => r.aboveTolerance).length;
  const items = reg.risks
    .map((r) => {
      const s = (x: typeof r.residual): string => (x ? `${x.likelihood}×${x.impact}=${x.score}` : '—');
      return `<li data-id="${esc(r.id)}"><a href="#" data-uri="${esc(r.uri)}" data-line="${r.line}">${esc(r.id)}</a> ${esc(r.title)} <span class="muted">inherent ${s(r.inherent)} · residual ${s(r.residual)}${r.aboveTolerance ? ' · above tolerance' : ''}${r.treatment ? ` · ${esc(r.treatment)}` : ''}</span></li>`;
    })
    .join('');
  return `<h2>Risk register</h2><p class="muted">${reg.risks.length} risk${reg.risks.length === 1 ? '' : 's'}, ${above} above the tolerance of ${reg.tolerance} (scale 1 to ${reg.scale}). Each cell counts the approved risks scored there; click one to list them.</p><div class="heats">${heatGrid(reg, 'inherent', folderIndex)}${heatGrid(reg, 'residual', folderIndex)}</div><p class="heat-caption muted" id="heat-caption-${folderIndex}">All risks, above tolerance first:</p><ul class="risk-list" id="heat-list-${folderIndex}">${items}</ul>`;
}

export function reportHtml(snapshot: Snapshot | undefined, { cspSource, nonce }: { cspSource: string; nonce: string }): string {
  const folders = snapshot?.coverage.folders ?? [];
  const body =
    folders.length === 0
      ? '<p>Waiting for the compliance-docs server to read the workspace…</p>'
      : folders
          .map((f, i) => {
            const total = applicable(f.summary);
            const status = f.complete ? '' : ' <span class="muted">(still indexing)</span>';
            return `<section><h1>${esc(f.name)}: SOC 2 coverage${status}</h1><p class="muted">As of ${esc(f.today)}. ${f.summary.covered} of ${total} criteria covered; ${f.documentCount} documents.</p>${chart(f)}${calendar(f)}${f.complete ? heatMaps(f, i) : ''}${matrix(f)}${vendorRegister(f)}</section>`;
          })
          .join('');
  const stateCss = STATE_ORDER.map((s) => `.s-${s}{fill:${cssColor(s)};background:${cssColor(s)}}`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>SOC 2 Coverage</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);padding:0 20px 20px}
h1{font-size:1.4em;font-weight:600}
.muted{color:var(--vscode-descriptionForeground)}
.chart{border-radius:3px;overflow:hidden;background:var(--vscode-editorWidget-background)}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:16px}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
table{border-collapse:collapse;width:100%;margin-top:12px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--vscode-panel-border);vertical-align:top}
thead th{color:var(--vscode-descriptionForeground);font-weight:600}
tr.category th{font-size:1.15em;padding-top:16px}
tr.series th{font-weight:600;background:var(--vscode-editorWidget-background)}
td.id{font-family:var(--vscode-editor-font-family);white-space:nowrap}
td.state{white-space:nowrap}
a{color:var(--vscode-textLink-foreground)}
h2{font-size:1.15em;font-weight:600;margin-top:20px}
table.calendar td.id{width:1%}
table.slots{width:auto;border-collapse:separate;border-spacing:2px;margin:0}
table.slots td{border:1px solid var(--vscode-panel-border);min-width:48px;padding:1px 3px;text-align:center;font-size:0.85em;line-height:1.2}
td.slot .lbl,td.slot .mk{display:block}td.slot .mk{min-height:1.1em}
td.slot.filled{background:var(--vscode-charts-green);color:var(--vscode-editor-background);border-color:var(--vscode-charts-green)}
td.slot.missing{color:var(--vscode-charts-red);border:2px solid var(--vscode-charts-red)}
td.slot.open{color:var(--vscode-descriptionForeground);border-style:dashed}
div.heats{display:flex;gap:24px;flex-wrap:wrap}figure.heat{margin:0}figure.heat figcaption{font-weight:600;margin-bottom:4px}
table.heat{width:auto;border-collapse:separate;border-spacing:3px;margin:0}table.heat th{border:0;padding:0 4px;text-align:center;color:var(--vscode-descriptionForeground);font-weight:normal}
table.heat td.cell{width:36px;height:32px;padding:0;text-align:center;vertical-align:middle;font-weight:600;border:1px solid var(--vscode-panel-border);border-radius:3px}
table.heat td.cell.has{cursor:pointer}table.heat td.cell.selected{outline:2px solid var(--vscode-focusBorder)}
td.band-low{background:color-mix(in srgb,var(--vscode-charts-green) 35%,transparent)}td.band-medium{background:color-mix(in srgb,var(--vscode-charts-yellow) 40%,transparent)}
td.band-high{background:color-mix(in srgb,var(--vscode-charts-orange) 50%,transparent)}td.band-above{background:color-mix(in srgb,var(--vscode-charts-red) 60%,transparent)}
.axes{font-size:0.85em}ul.risk-list{padding-left:18px}ul.risk-list li.hidden{display:none}
button{color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:none;padding:4px 12px;cursor:pointer}
button:hover{background:var(--vscode-button-hoverBackground)}
${stateCss}
</style></head>
<body>
<p><button id="export" type="button">Export…</button></p>
${body}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('export').addEventListener('click', () => vscode.postMessage({ type: 'export' }));
function showCell(cell) {
  const f = cell.dataset.folder;
  const ids = new Set((cell.dataset.risks || '').split(' ').filter(Boolean));
  for (const c of document.querySelectorAll('td.cell[data-folder="' + f + '"]')) c.classList.toggle('selected', c === cell);
  for (const li of document.querySelectorAll('#heat-list-' + f + ' li')) li.classList.toggle('hidden', !ids.has(li.dataset.id));
  const caption = document.getElementById('heat-caption-' + f);
  if (caption) caption.textContent = (cell.dataset.kind === 'inherent' ? 'Inherent' : 'Residual') + ' likelihood ' + cell.dataset.likelihood + ' × impact ' + cell.dataset.impact + ': ' + ids.size + ' risk' + (ids.size === 1 ? '' : 's') + ':';
}
document.addEventListener('keydown', (e) => {
  const cell = e.target instanceof Element ? e.target.closest('td.cell.has') : null;
  if (cell && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); showCell(cell); }
});
document.addEventListener('click', (e) => {
  const cell = e.target instanceof Element ? e.target.closest('td.cell.has') : null;
  if (cell) { showCell(cell); return; }
  const a = e.target instanceof Element ? e.target.closest('a[data-uri]') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', uri: a.dataset.uri, line: Number(a.dataset.line) });
});
</script>
</body></html>`;
}
