// The risk register as data: each risk with its scores, treatment, acceptance, controls and the
// assessment that last listed it, and the inherent and residual heat maps (likelihood × impact, each
// cell the risks that score there). The exports and the editor's report view read this one model.

import { acceptanceNeeded, scoreOf } from '../model/risk';
import type { RiskCategory, RiskTreatment } from '../model/types';
import type { ComplianceWorkspace } from '../index/workspace';

export interface RegisterScore {
  readonly likelihood: number;
  readonly impact: number;
  readonly score: number;
}

export interface RegisterRisk {
  readonly id: string;
  readonly title: string;
  readonly path: string;
  readonly status: string;
  readonly owner?: string;
  readonly category?: RiskCategory;
  readonly inherent?: RegisterScore;
  readonly residual?: RegisterScore;
  /** The residual score is above the tolerance. */
  readonly aboveTolerance: boolean;
  readonly treatment?: RiskTreatment;
  readonly controls: readonly string[];
  readonly acceptance?: { readonly by?: string; readonly date?: string; readonly expires?: string; readonly expired: boolean };
  /** An acceptance is needed (treatment accept, or residual above tolerance) and none that says who and when is recorded, or it has expired. */
  readonly acceptanceGap: boolean;
  readonly criteria: readonly string[];
  readonly lastAssessment?: { readonly id: string; readonly date: string; readonly path: string; readonly current: boolean };
}

export interface HeatCell {
  readonly likelihood: number;
  readonly impact: number;
  /** The approved risks scored here, by id. */
  readonly risks: readonly string[];
}

/** `cells[likelihood - 1][impact - 1]`. */
export interface HeatMap {
  readonly kind: 'inherent' | 'residual';
  readonly scale: number;
  readonly cells: readonly (readonly HeatCell[])[];
}

export interface RiskRegister {
  readonly scale: number;
  readonly tolerance: number;
  readonly risks: readonly RegisterRisk[];
  readonly inherent: HeatMap;
  readonly residual: HeatMap;
}

/** Highest residual score first (unscored last), then by id: the order the tree and the tables show. */
export function compareRisks(a: RegisterRisk, b: RegisterRisk): number {
  const sa = a.residual?.score ?? -1;
  const sb = b.residual?.score ?? -1;
  if (a.aboveTolerance !== b.aboveTolerance) return a.aboveTolerance ? -1 : 1;
  return sb - sa || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.path < b.path ? -1 : 1);
}

export function buildRiskRegister(ws: ComplianceWorkspace): RiskRegister {
  const config = ws.getConfig();
  const { scale, tolerance } = config.risk;
  const today = ws.getToday();
  const risks: RegisterRisk[] = [];
  for (const doc of ws.documents()) {
    const f = ws.factsOf(doc.path);
    if (!f || f.type !== 'risk' || !f.readable) continue;
    const r = doc.risk ?? {};
    const score = (s: typeof r.inherent): RegisterScore | undefined => {
      const n = scoreOf(s, scale);
      return n === undefined || !s?.likelihood || !s.impact ? undefined : { likelihood: s.likelihood.value, impact: s.impact.value, score: n };
    };
    const inherent = score(r.inherent);
    const residual = score(r.residual);
    const a = r.acceptance;
    const expired = a?.expires !== undefined && a.expires.value < today;
    const needed = acceptanceNeeded(doc, config) !== undefined;
    const owner = doc.owner?.value ?? config.defaults.owner;
    risks.push({
      id: f.id,
      title: f.title,
      path: f.path,
      status: f.status,
      ...(owner ? { owner } : {}),
      ...(r.category ? { category: r.category.value } : {}),
      ...(inherent ? { inherent } : {}),
      ...(residual ? { residual } : {}),
      aboveTolerance: residual !== undefined && residual.score > tolerance,
      ...(r.treatment ? { treatment: r.treatment.value } : {}),
      controls: doc.controls.map((c) => c.value),
      ...(a ? { acceptance: { ...(a.by ? { by: a.by.value } : {}), ...(a.date ? { date: a.date.value } : {}), ...(a.expires ? { expires: a.expires.value } : {}), expired } } : {}),
      acceptanceGap: needed && (!a || !a.by || !a.date || expired),
      criteria: ws.criteriaOf(doc.path),
      ...(f.assessment ? { lastAssessment: { id: f.assessment.id, date: f.assessment.date, path: f.assessment.path, current: f.assessment.current } } : {}),
    });
  }
  risks.sort(compareRisks);
  const counted = risks.filter((r) => r.status === 'approved');
  return { scale, tolerance, risks, inherent: heatMap(counted, 'inherent', scale), residual: heatMap(counted, 'residual', scale) };
}

export function heatMap(risks: readonly RegisterRisk[], kind: 'inherent' | 'residual', scale: number): HeatMap {
  const cells: HeatCell[][] = [];
  for (let l = 1; l <= scale; l++) {
    const row: HeatCell[] = [];
    for (let i = 1; i <= scale; i++) row.push({ likelihood: l, impact: i, risks: [] });
    cells.push(row);
  }
  for (const r of risks) {
    const s = r[kind];
    if (s) (cells[s.likelihood - 1][s.impact - 1].risks as string[]).push(r.id);
  }
  return { kind, scale, cells };
}

/** The colour band of a score: above tolerance is red; the rest green, yellow and orange by thirds of the tolerance. */
export function scoreBand(score: number, tolerance: number): 'low' | 'medium' | 'high' | 'above' {
  if (score > tolerance) return 'above';
  if (score > (tolerance * 2) / 3) return 'high';
  if (score > tolerance / 3) return 'medium';
  return 'low';
}
