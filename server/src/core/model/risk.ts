// What a risk's scores and a risk assessment mean under the config: the score, whether it is above
// tolerance, whether an acceptance is needed, and whether an assessment is current. The risk rules,
// coverage, the register and the editor all read these, so they cannot disagree.

import type { ResolvedConfig } from '../config/config';
import { addPeriod } from '../dates';
import type { ParsedDocument, RiskScore } from './types';

/** The newest approved, dated assessment that lists a risk. */
export interface AssessmentRef {
  readonly path: string;
  readonly id: string;
  readonly date: string;
  /** Its date plus the assessment cycle is not before today. */
  readonly current: boolean;
}

/** likelihood × impact, when both are stated and on the scale. */
export function scoreOf(s: RiskScore | undefined, scale: number): number | undefined {
  const l = s?.likelihood?.value;
  const i = s?.impact?.value;
  if (l === undefined || i === undefined || l > scale || i > scale) return undefined;
  return l * i;
}

/**
 * Why a risk needs a recorded acceptance: its treatment is accept, or its residual score is above
 * tolerance with no treatment stated. A residual above tolerance that is being mitigated, transferred
 * or avoided has its treatment; only carrying it as it is needs management's acceptance.
 */
export function acceptanceNeeded(doc: ParsedDocument, config: ResolvedConfig): 'accept' | 'tolerance' | undefined {
  const r = doc.risk;
  if (!r) return undefined;
  if (r.treatment?.value === 'accept') return 'accept';
  if (r.treatment) return undefined;
  const residual = scoreOf(r.residual, config.risk.scale);
  return residual !== undefined && residual > config.risk.tolerance ? 'tolerance' : undefined;
}

/** The last day an assessment held on `date` is current. */
export function assessmentDue(date: string, config: ResolvedConfig): string {
  return addPeriod(date, config.risk.assessmentCycle);
}

/** An assessment that counts: approved (or no status), its frontmatter read, dated on or before today. */
export function countingAssessmentDate(doc: ParsedDocument, today: string): string | undefined {
  if (!doc.frontmatter?.ok || (doc.status && doc.status.value !== 'approved')) return undefined;
  const d = doc.assessment?.date?.value;
  return d !== undefined && d <= today ? d : undefined;
}

/** A risk whose category is fraud, or which states no category and names fraud in its title or id. */
export function isFraudRisk(doc: ParsedDocument): boolean {
  const c = doc.risk?.category?.value;
  if (c !== undefined) return c === 'fraud';
  return /fraud/i.test(doc.title?.value ?? '') || /fraud/i.test(doc.id?.value ?? '');
}
