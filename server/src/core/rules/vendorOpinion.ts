import { newestSoc2Report } from '../model/vendor';
import type { DocumentRule } from './rule';

const WORDS: Readonly<Record<'qualified' | 'adverse' | 'disclaimer', string>> = {
  qualified: 'a qualified opinion: the auditor found exceptions',
  adverse: 'an adverse opinion: the auditor found the controls did not meet the criteria',
  disclaimer: 'a disclaimer of opinion: the auditor could not form one',
};

export const vendorOpinion: DocumentRule = {
  scope: 'document',
  code: 'vendor-opinion',
  defaultSeverity: 'warning',
  description: "A vendor's newest SOC 2 report has a qualified, adverse or disclaimed opinion, and the document has no `## Response` section.",
  check(ctx) {
    const { doc, facts, today } = ctx;
    if (doc.vendor?.response) return;
    const entry = newestSoc2Report(doc, facts, today)?.entry;
    const opinion = entry?.opinion;
    if (!opinion || opinion.value === 'unqualified') return;
    ctx.report(
      opinion.span,
      `The newest SOC 2 report has ${WORDS[opinion.value]}. Read the exceptions, decide what they mean for the service you rely on, and write it down under a \`## Response\` heading in this document (the risk, the compensating controls, the follow-up with the vendor).`,
    );
  },
};
