import { observationPeriod } from '../config/config';
import { pathDateRange } from '../dates';
import type { DocumentRule } from './rule';

export const futureEvidenceDate: DocumentRule = {
  scope: 'document',
  code: 'future-evidence-date',
  defaultSeverity: 'warning',
  description: 'An evidence item dated after today: a record from the future fills no period slot.',
  check(ctx) {
    const { doc, facts, config, today } = ctx;
    // A draft may list the records it plans; only a document that counts claims them as done.
    if (!facts.counts || doc.evidence.length === 0) return;
    const counts = observationPeriod(config) ? 'it fills no slot of the audit period' : 'an auditor cannot rely on it';
    for (const link of doc.evidence) {
      if (link.date === undefined || link.date <= today) continue;
      if (link.dateFrom === 'path') {
        // A folder such as 2026-Q4 is read as its last day; only a month or quarter that has not begun is in the future.
        const range = pathDateRange(link.target);
        if (!range || range.start <= today) continue;
        ctx.report(
          link.span,
          `\`${link.target}\` is filed under ${range.start === range.end ? range.start : `${range.start} to ${range.end}`}, which has not begun (today is ${today}), so ${counts}. Move it to the folder of the date it was produced, or give it a \`date:\`.`,
          { data: { date: link.date } },
        );
        continue;
      }
      ctx.report(
        link.dateSpan ?? link.span,
        `This evidence is dated ${link.date}, after today (${today}), so ${counts}. Record the date the evidence was produced (a day and month swapped?).`,
        { data: { date: link.date } },
      );
    }
  },
};
