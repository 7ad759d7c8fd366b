// Every rule, in one table: code, default severity and description live with each rule.

import { bodyChangedAfterReview } from './bodyChangedAfterReview';
import { brokenEvidenceLink } from './brokenEvidenceLink';
import { brokenLink } from './brokenLink';
import { configInvalid } from './configInvalid';
import { criterionOutOfScope } from './criterionOutOfScope';
import { criterionSeries } from './criterionSeries';
import { documentUnreadable } from './documentUnreadable';
import { draftCoversNothing } from './draftCoversNothing';
import { duplicateId } from './duplicateId';
import { evidenceGap } from './evidenceGap';
import { evidenceNotALink } from './evidenceNotALink';
import { evidenceOutsideWorkspace } from './evidenceOutsideWorkspace';
import { fieldInvalid } from './fieldInvalid';
import { folderUnreadable } from './folderUnreadable';
import { fraudRiskMissing } from './fraudRiskMissing';
import { frontmatterMissing } from './frontmatterMissing';
import { frontmatterSyntax } from './frontmatterSyntax';
import { auditPeriodLength } from './auditPeriodLength';
import { auditPeriodNotBegun } from './auditPeriodNotBegun';
import { futureEvidenceDate } from './futureEvidenceDate';
import { futureReviewDate } from './futureReviewDate';
import { mappingConflict } from './mappingConflict';
import { missingEvidence } from './missingEvidence';
import { missingOwner } from './missingOwner';
import { missingReviewDate } from './missingReviewDate';
import { noDocuments } from './noDocuments';
import { placeholderText } from './placeholderText';
import { programNeverReviewed } from './programNeverReviewed';
import { programNotApproved } from './programNotApproved';
import { reviewDueSoon } from './reviewDueSoon';
import type { DocumentRule, Rule, WorkspaceRule } from './rule';
import { riskAcceptanceExpired } from './riskAcceptanceExpired';
import { riskAcceptanceMissing } from './riskAcceptanceMissing';
import { riskAssessmentLate } from './riskAssessmentLate';
import { riskAssessmentStale } from './riskAssessmentStale';
import { riskReducedWithoutControls } from './riskReducedWithoutControls';
import { riskRegisterMissing } from './riskRegisterMissing';
import { riskResidualAboveInherent } from './riskResidualAboveInherent';
import { staleEvidence } from './staleEvidence';
import { staleReview } from './staleReview';
import { uncoveredCriterion } from './uncoveredCriterion';
import { unknownCriterion } from './unknownCriterion';
import { unknownReference } from './unknownReference';
import { unmappedDocument } from './unmappedDocument';
import { vendorAssuranceMissing } from './vendorAssuranceMissing';
import { vendorBridgeLetter } from './vendorBridgeLetter';
import { vendorCategoryGap } from './vendorCategoryGap';
import { vendorCuecUnmapped } from './vendorCuecUnmapped';
import { vendorInventoryMissing } from './vendorInventoryMissing';
import { vendorOpinion } from './vendorOpinion';
import { vendorReportStale } from './vendorReportStale';
import { vendorType1Only } from './vendorType1Only';

export const RULES: readonly Rule[] = [
  configInvalid,
  auditPeriodLength,
  auditPeriodNotBegun,
  noDocuments,
  folderUnreadable,
  programNotApproved,
  programNeverReviewed,
  vendorInventoryMissing,
  riskRegisterMissing,
  fraudRiskMissing,
  riskAssessmentStale,
  riskAssessmentLate,
  frontmatterSyntax,
  frontmatterMissing,
  fieldInvalid,
  unknownCriterion,
  criterionSeries,
  criterionOutOfScope,
  unmappedDocument,
  mappingConflict,
  uncoveredCriterion,
  duplicateId,
  unknownReference,
  staleReview,
  reviewDueSoon,
  missingReviewDate,
  futureReviewDate,
  bodyChangedAfterReview,
  missingOwner,
  missingEvidence,
  brokenEvidenceLink,
  brokenLink,
  evidenceNotALink,
  placeholderText,
  evidenceOutsideWorkspace,
  evidenceGap,
  futureEvidenceDate,
  staleEvidence,
  draftCoversNothing,
  vendorAssuranceMissing,
  vendorReportStale,
  vendorBridgeLetter,
  vendorType1Only,
  vendorOpinion,
  vendorCategoryGap,
  vendorCuecUnmapped,
  riskResidualAboveInherent,
  riskReducedWithoutControls,
  riskAcceptanceMissing,
  riskAcceptanceExpired,
  documentUnreadable,
];

export const DOCUMENT_RULES: readonly DocumentRule[] = RULES.filter((r): r is DocumentRule => r.scope === 'document');
export const WORKSPACE_RULES: readonly WorkspaceRule[] = RULES.filter((r): r is WorkspaceRule => r.scope === 'workspace');
export const RULE_CODES: readonly string[] = RULES.map((r) => r.code);

const byCode = new Map(RULES.map((r) => [r.code, r]));
export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}
