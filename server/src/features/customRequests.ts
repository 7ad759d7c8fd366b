// The requests the VS Code client's views are built from: coverage tree, review schedule, report
// export, new-document templates, mark reviewed. Any LSP client may use them.

import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { getCategory, getCriterion, getSeries, CATEGORIES } from '../core/catalog/catalog';
import { reviewText } from '../core/features/hover';
import { initPlan } from '../core/features/init';
import { reportSummary, vendorInventory } from '../core/report/vendors';
import { checkNewDocumentRequest, NEW_DOCUMENT_FOLDERS, newDocument } from '../core/model/templates';
import { describeReading } from '../core/model/program';
import type { DocumentType, ParsedDocument } from '../core/model/types';
import { coverageCsv, coverageHtml, coverageJson, coverageMarkdown } from '../core/report/coverage';
import { buildMatrix, explainCriterion, periodCalendar, slotCache } from '../core/report/matrix';
import { buildRiskRegister } from '../core/report/risks';
import { writeMatrixXlsx } from '../node/xlsxLoader';
import { markReviewedFix } from '../core/rules/reviewFix';
import { toWorkspaceEdit } from '../convert';
import type { FolderHost } from '../host';
import {
  CoverageTreeRequest,
  InitConfigRequest,
  MarkReviewedRequest,
  NewDocumentRequest,
  ReportRequest,
  ReviewScheduleRequest,
  type CategoryNode,
  type CoverageTreeResult,
  type DocumentNode,
  type FolderCoverage,
  type FolderParams,
  type InitConfigResult,
  type MarkReviewedParams,
  type NewDocumentParams,
  type NewDocumentResult,
  type ReportParams,
  type ReportResult,
  type ReviewItem,
  type ReviewScheduleResult,
  type SeriesNode,
  type VendorGroupNode,
  type VendorNode,
} from '../protocol';
import type { FeatureContext } from './feature';
import { guard } from './guard';

function frontmatterLine(host: FolderHost, rel: string): number {
  const doc = host.workspace.document(rel);
  const start = doc?.frontmatter?.anchor.start ?? 0;
  const lines = doc?.lineStarts ?? [0];
  let line = 0;
  while (line + 1 < lines.length && lines[line + 1] <= start) line++;
  return line;
}

export function folderCoverage(host: FolderHost): FolderCoverage {
  const ws = host.workspace;
  const report = ws.coverage();
  const config = ws.getConfig();
  const slotsOf = slotCache(ws);
  const categories: CategoryNode[] = [];
  for (const cat of CATEGORIES) {
    const criteria = report.criteria.filter((c) => c.category === cat.id);
    if (criteria.length === 0) continue;
    const series: SeriesNode[] = [];
    for (const sid of cat.series) {
      const list = criteria.filter((c) => c.series === sid);
      if (list.length === 0) continue;
      series.push({
        id: sid,
        title: getSeries(sid)?.title ?? sid,
        covered: list.filter((c) => c.state === 'covered').length,
        applicable: list.filter((c) => c.state !== 'not-applicable').length,
        criteria: list.map((c) => {
          const why = explainCriterion(ws, c, slotsOf);
          const reasons = new Map(why.documents.map((d) => [d.path, d.reason]));
          return {
            id: c.id,
            title: c.title,
            explanation: getCriterion(c.id)?.explanation ?? '',
            state: c.state,
            reason: why.reason,
            ...(c.justification ? { justification: c.justification } : {}),
            ...(c.cappedBy && c.cappedBy.length > 0 ? { heldBy: c.cappedBy.map((p) => ws.factsOf(p)?.id ?? p) } : {}),
            documents: c.documents.map((d): DocumentNode => {
              const facts = ws.factsOf(d.path);
              return {
                id: d.id,
                title: d.title,
                type: d.type,
                uri: host.uriOf(d.path),
                line: frontmatterLine(host, d.path),
                state: d.state,
                reason: reasons.get(d.path) ?? '',
                evidence: (facts?.evidence ?? []).map((e) => ({
                  target: e.link.target,
                  state: e.state.kind === 'document' ? 'exists' : e.state.kind === 'broken-reference' ? 'missing' : e.state.kind,
                  ...(e.link.date ? { date: e.link.date, dateSource: e.link.dateFrom === 'path' ? ('inferred' as const) : ('recorded' as const) } : {}),
                  ...(e.state.kind === 'exists' || e.state.kind === 'missing' ? { uri: host.uriOf(e.state.path) } : e.state.kind === 'url' && /^https?:/i.test(e.link.target) ? { uri: e.link.target } : {}),
                })),
              };
            }),
          };
        }),
      });
    }
    categories.push({ id: cat.id, title: getCategory(cat.id).title, series });
  }
  return {
    name: host.name,
    uri: host.rootUri,
    ...(config.path ? { configUri: host.uriOf(config.path) } : {}),
    today: ws.getToday(),
    complete: host.complete,
    documentCount: ws.documentCount,
    ...(host.complete ? {} : { progress: host.progress }),
    reading: readingLine(ws.readingSummary()),
    summary: report.summary,
    categories,
    ...calendarOf(host, slotsOf),
    ...vendorsOf(host),
    ...risksOf(host),
  };
}

function vendorsOf(host: FolderHost): { vendors?: VendorGroupNode[] } {
  const groups = vendorInventory(host.workspace);
  if (groups.length === 0) return {};
  return {
    vendors: groups.map((g) => ({
      criticality: g.criticality,
      vendors: g.vendors.map(
        (v): VendorNode => ({
          id: v.id,
          title: v.title,
          uri: host.uriOf(v.path),
          line: v.line,
          criticality: v.criticality,
          status: v.status,
          report: reportSummary(v),
          ...(v.report?.type ? { reportType: v.report.type } : {}),
          ...(v.report ? { reportDate: v.report.date, reportAgeMonths: v.report.ageMonths } : {}),
          review: reviewText(v.review, v.cycle),
          findings: v.findings,
        }),
      ),
    })),
  };
}

function risksOf(host: FolderHost): Pick<FolderCoverage, 'risks'> {
  const ws = host.workspace;
  if (ws.program().byType.risk === 0) return {};
  const reg = buildRiskRegister(ws);
  const ids = (h: typeof reg.inherent): string[][][] => h.cells.map((row) => row.map((c) => [...c.risks]));
  return {
    risks: {
      scale: reg.scale,
      tolerance: reg.tolerance,
      risks: reg.risks.map((r) => ({
        id: r.id,
        title: r.title,
        uri: host.uriOf(r.path),
        line: frontmatterLine(host, r.path),
        status: r.status,
        ...(r.category ? { category: r.category } : {}),
        ...(r.treatment ? { treatment: r.treatment } : {}),
        ...(r.inherent ? { inherent: r.inherent } : {}),
        ...(r.residual ? { residual: r.residual } : {}),
        aboveTolerance: r.aboveTolerance,
        acceptanceGap: r.acceptanceGap,
        ...(r.lastAssessment ? { lastAssessment: { id: r.lastAssessment.id, date: r.lastAssessment.date, current: r.lastAssessment.current } } : {}),
      })),
      inherent: ids(reg.inherent),
      residual: ids(reg.residual),
    },
  };
}

function calendarOf(host: FolderHost, slotsOf: ReturnType<typeof slotCache>): Pick<FolderCoverage, 'period' | 'calendar'> {
  const calendar = periodCalendar(host.workspace, slotsOf);
  const period = host.workspace.getConfig().audit.period;
  if (calendar.length === 0 || !period) return {};
  return { period, calendar: calendar.map((c) => ({ id: c.id, title: c.title, uri: host.uriOf(c.path), line: frontmatterLine(host, c.path), frequency: c.frequency, slots: c.slots })) };
}

/** Why a document's review date cannot be read, in words that say what to do. */
function unreadableReason(doc: ParsedDocument): string {
  const problem = (code: string): string | undefined => doc.problems.find((p) => p.code === code)?.message;
  const unreadable = problem('document-unreadable');
  if (unreadable && !doc.frontmatter) return unreadable;
  if (!doc.frontmatter) return 'No frontmatter: add one with owner, status and last_reviewed.';
  return problem('frontmatter-syntax') ?? problem('field-invalid') ?? 'The frontmatter does not parse: fix it so last_reviewed can be read.';
}

/**
 * Every document the schedule concerns: approved documents with their review state, and documents
 * whose frontmatter is missing or broken (their status and review date are unknown), with the reason.
 */
export function reviewSchedule(host: FolderHost): ReviewItem[] {
  const items: ReviewItem[] = [];
  const ws = host.workspace;
  const defaultOwner = ws.getConfig().defaults.owner;
  for (const doc of ws.documents()) {
    const f = ws.factsOf(doc.path);
    if (!f) continue;
    const owner = doc.owner?.value ?? defaultOwner;
    const base = { id: f.id, title: f.title, type: f.type, uri: host.uriOf(doc.path), line: frontmatterLine(host, doc.path), cycle: f.cycleText, ...(owner ? { owner } : {}) };
    if (!f.readable) {
      items.push({ ...base, state: 'unreadable', reason: unreadableReason(doc) });
      continue;
    }
    if (f.status !== 'approved') continue;
    const r = f.review;
    if (r.kind === 'missing') items.push({ ...base, state: 'missing' });
    else if (r.kind === 'future') items.push({ ...base, state: 'future', lastReviewed: r.date });
    else if (r.kind !== 'not-applicable') items.push({ ...base, state: r.kind === 'overdue' ? 'overdue' : r.kind, lastReviewed: r.date, due: r.due, daysLeft: r.daysLeft });
  }
  const rank = (i: ReviewItem): number => (i.state === 'missing' ? -1e9 : i.state === 'future' ? 1e9 : i.state === 'unreadable' ? 2e9 : (i.daysLeft ?? 0));
  // Two documents may share an id (a duplicate-id); the uri keeps their order independent of history.
  return items.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

export function registerCustomRequests({ session }: FeatureContext): void {
  const { connection } = session;
  const hostFor = (folder?: string): FolderHost | undefined => (folder ? session.allHosts().find((h) => h.rootUri === folder) : undefined) ?? session.allHosts()[0];

  connection.onRequest(
    CoverageTreeRequest,
    guard('coverageTree', (params: FolderParams | null): CoverageTreeResult => ({ folders: session.allHosts().filter((h) => !params?.folder || h.rootUri === params.folder).map(folderCoverage) })),
  );

  connection.onRequest(
    ReviewScheduleRequest,
    guard('reviewSchedule', (params: FolderParams | null): ReviewScheduleResult => ({ today: session.today(), items: session.allHosts().filter((h) => !params?.folder || h.rootUri === params.folder).flatMap(reviewSchedule) })),
  );

  connection.onRequest(
    ReportRequest,
    guard('report', async (params: ReportParams): Promise<ReportResult> => {
      const host = hostFor(params.folder);
      if (!host) throw new Error('no workspace folder is open');
      const ws = host.workspace;
      const title = `${host.name}: SOC 2 traceability matrix`;
      const matrix = buildMatrix(ws);
      const meta = { title, today: matrix.today };
      if (params.format === 'xlsx') return { content: Buffer.from(await writeMatrixXlsx(matrix, title)).toString('base64'), encoding: 'base64', folderName: host.name };
      const content = params.format === 'csv' ? coverageCsv(matrix) : params.format === 'html' ? coverageHtml(matrix, meta) : params.format === 'json' ? coverageJson(matrix) : coverageMarkdown(matrix, meta);
      return { content, folderName: host.name };
    }),
  );

  connection.onRequest(
    NewDocumentRequest,
    guard('newDocument', (params: NewDocumentParams): NewDocumentResult => {
      // Any client may send this: what it names is checked here, not only in the VS Code prompts.
      const input = checkNewDocumentRequest((params ?? {}) as Partial<Record<keyof NewDocumentParams, unknown>>);
      if ('error' in input) throw new ResponseError(ErrorCodes.InvalidParams, input.error);
      const host = hostFor(params.folder);
      if (!host) throw new Error('no workspace folder is open');
      const folder = NEW_DOCUMENT_FOLDERS.get(input.type) as string;
      const slug = input.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || input.type;
      let rel = `${folder}/${slug}.md`;
      for (let n = 2; host.workspace.inventory.get(rel); n++) rel = `${folder}/${slug}-${n}.md`;
      const content = newDocument({ type: input.type, id: input.id, title: input.title, criteria: input.criteria, today: host.workspace.getRecordDate() });
      return { uri: host.uriOf(rel), content };
    }),
  );

  connection.onRequest(
    InitConfigRequest,
    guard('initConfig', (params: FolderParams | null): InitConfigResult => {
      const host = hostFor(typeof params?.folder === 'string' ? params.folder : undefined);
      if (!host) throw new ResponseError(ErrorCodes.InvalidParams, 'No workspace folder is open: open the folder that holds your policies and controls.');
      const config = host.workspace.getConfig().path;
      if (config !== undefined) return { existing: host.uriOf(config) };
      if (!host.complete) throw new ResponseError(LSPErrorCodes.RequestFailed, `${host.name} is still being read; try again when indexing is done, so the config reads every document.`);
      const plan = initPlan(host.workspace, host.workspace.getRecordDate());
      for (const f of plan.files) {
        const problem = host.newFileProblem(f.path);
        if (problem) throw new ResponseError(LSPErrorCodes.RequestFailed, `${problem}; nothing was written. Init overwrites nothing.`);
      }
      return { files: plan.files.map((f) => ({ uri: host.uriOf(f.path), content: f.content })), found: plan.found, detected: plan.detected };
    }),
  );

  connection.onRequest(
    MarkReviewedRequest,
    guard('markReviewed', (params: MarkReviewedParams) => {
      const loc = session.locate(params.uri);
      if (!loc) return null;
      const doc = loc.host.workspace.document(loc.rel);
      if (!doc) return null;
      const fix = markReviewedFix(doc, loc.host.workspace.getRecordDate(), loc.host.workspace.getToday());
      return fix ? (toWorkspaceEdit(fix, loc.host.rootAbs, (r) => loc.host.linesOf(r)) ?? null) : null;
    }),
  );
}

function readingLine(r: { documents: number; byType: Readonly<Record<DocumentType, number>>; skipped: number }): string {
  return describeReading(r, r.skipped);
}
